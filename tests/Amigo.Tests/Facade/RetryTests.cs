using System.Globalization;
using System.Net;
using System.Text;
using Amigo.Tests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using static Amigo.Tests.Support.ResponseSequence;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class RetryTests
{
    private const string ConversationsPath = "v1/acme/conversation/";
    private const string EvaluatePath = "v1/acme/metric/evaluate";

    private static AmigoTestHost Host(Action<AmigoClientOptions>? configure = null) => new(o =>
    {
        o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
        configure?.Invoke(o);
    });

    private static ResponseSequence Route(AmigoTestHost host, HttpMethod method, string path, ResponseSequence sequence)
    {
        host.Transport = new RoutedTransport(method, AmigoTestHost.BaseUrl + path, sequence);
        return sequence;
    }

    private static Task<HttpResponseMessage> Post(AmigoTestHost host, string path = EvaluatePath) =>
        host.SendAsync(HttpMethod.Post, path, new StringContent("""{"metric_ids":["m"]}""", Encoding.UTF8, "application/json"));

    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task Get_IsRetriedOnTransientStatuses(int status)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(status), Status(200)));

        using var response = await host.GetConversationsAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sequence.Count, Is.EqualTo(2));
        Assert.That(host.Delays.Delays, Has.Count.EqualTo(1));
    }

    [TestCase(400)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(409)]
    [TestCase(422)]
    [TestCase(501)]
    public void Get_IsNotRetriedOnOtherStatuses(int status)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(status), Status(200)));

        Assert.CatchAsync<AmigoApiException>(() => host.GetConversationsAsync());

        Assert.That(sequence.Count, Is.EqualTo(1));
        Assert.That(host.Delays.Delays, Is.Empty);
    }

    [TestCase(HttpRequestError.ConnectionError)]
    [TestCase(HttpRequestError.ResponseEnded)]
    [TestCase(HttpRequestError.Unknown)]
    public async Task Get_IsRetriedOnNetworkErrors(HttpRequestError error)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Fail(error), Status(200)));

        using var response = await host.GetConversationsAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sequence.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task Get_IsRetriedAfterAnAttemptTimeout()
    {
        using var host = Host(o => o.RequestTimeout = TimeSpan.FromMilliseconds(50));
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Hang(), Status(200)));

        using var response = await host.GetConversationsAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sequence.Count, Is.EqualTo(2));
    }

    [TestCase(429)]
    [TestCase(503)]
    public async Task Post_IsRetriedOn429And503WithRetryAfter_WithTheSameBody(int status)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Post, EvaluatePath, new ResponseSequence(Status(status, retryAfter: "2"), Status(200)));

        using var response = await Post(host);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sequence.Count, Is.EqualTo(2));
        Assert.That(sequence.Bodies, Is.EqualTo(new[] { """{"metric_ids":["m"]}""", """{"metric_ids":["m"]}""" }));
        Assert.That(host.Delays.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
    }

    [TestCase(429)]
    [TestCase(503)]
    [TestCase(408)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public void Post_IsNotRetriedWithoutRetryAfter(int status)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Post, EvaluatePath, new ResponseSequence(Status(status), Status(200)));

        Assert.CatchAsync<AmigoApiException>(() => Post(host));

        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public void Post_IsNotRetriedOnOther5xxEvenWithRetryAfter(int status)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Post, EvaluatePath, new ResponseSequence(Status(status, retryAfter: "1"), Status(200)));

        Assert.CatchAsync<AmigoServerException>(() => Post(host));

        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    [TestCase(HttpRequestError.ConnectionError)]
    [TestCase(HttpRequestError.NameResolutionError)]
    [TestCase(HttpRequestError.SecureConnectionError)]
    public async Task Post_IsRetriedWhenTheRequestNeverReachedTheServer(HttpRequestError error)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Post, EvaluatePath, new ResponseSequence(Fail(error), Status(200)));

        using var response = await Post(host);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sequence.Count, Is.EqualTo(2));
    }

    [TestCase(HttpRequestError.ResponseEnded)]
    [TestCase(HttpRequestError.Unknown)]
    public void Post_IsNotRetriedWhenTheRequestMayHaveReachedTheServer(HttpRequestError error)
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Post, EvaluatePath, new ResponseSequence(Fail(error), Status(200)));

        Assert.ThrowsAsync<AmigoNetworkException>(() => Post(host));

        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    [Test]
    public void Post_IsNotRetriedAfterAnAttemptTimeout()
    {
        using var host = Host(o => o.RequestTimeout = TimeSpan.FromMilliseconds(50));
        var sequence = Route(host, HttpMethod.Post, EvaluatePath, new ResponseSequence(Hang(), Status(200)));

        Assert.ThrowsAsync<AmigoTimeoutException>(() => Post(host).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    [Test]
    public void ConsumedUploadStream_IsNeverRetried()
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Post, "v1/acme/conversation/abc/interact", new ResponseSequence(Status(503, retryAfter: "1"), Status(200)));
        var multipart = new MultipartFormDataContent
        {
            { new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes("pcm audio"))), "recorded_message", "audio.pcm" },
        };

        var error = Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.SendAsync(HttpMethod.Post, "v1/acme/conversation/abc/interact", multipart));

        Assert.That(sequence.Count, Is.EqualTo(1));
        Assert.That(host.Delays.Delays, Is.Empty);
        Assert.That(error!.Operation, Is.EqualTo("interact-with-conversation"));
        Assert.That(host.Logs.Entries.Any(e => e.Message.Contains("cannot be replayed")), Is.True);
    }

    [Test]
    public void ContentMarkedNotReplayable_IsNeverRetried_EvenForGet()
    {
        using var host = Host();
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(503), Status(200)));
        var request = new HttpRequestMessage(HttpMethod.Get, ConversationsPath);
        request.Options.Set(AmigoRequestOptions.ContentReplayable, false);

        Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.Client.Context.SendAsync(request, HttpCompletionOption.ResponseContentRead, null, default));

        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    [Test]
    public void RetriesStopAfterMaxRetries_WithExponentialFullJitterBackoff()
    {
        using var host = Host(o =>
        {
            o.Retry.MaxRetries = 4;
            o.Retry.BaseDelay = TimeSpan.FromSeconds(1);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        });
        host.Jitter = 0.5;
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(502)));

        Assert.ThrowsAsync<AmigoServerException>(() => host.GetConversationsAsync());

        Assert.That(sequence.Count, Is.EqualTo(5));
        Assert.That(host.Delays.Delays, Is.EqualTo(new[]
        {
            TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5),
        }), "half of min(5 s, 1 s * 2^n)");
    }

    [TestCase(0.0)]
    [TestCase(0.999)]
    public void Jitter_SpansZeroToTheCeiling(double jitter)
    {
        using var host = Host(o => o.Retry.MaxRetries = 1);
        host.Jitter = jitter;
        Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(500)));

        Assert.ThrowsAsync<AmigoServerException>(() => host.GetConversationsAsync());

        Assert.That(host.Delays.Delays.Single(), Is.EqualTo(TimeSpan.FromMilliseconds(500 * jitter)).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task RetryAfterSeconds_IsHonoured()
    {
        using var host = Host();
        Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(429, retryAfter: "7"), Status(200)));

        (await host.GetConversationsAsync()).Dispose();

        Assert.That(host.Delays.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
    }

    [Test]
    public async Task RetryAfterHttpDate_IsHonoured()
    {
        using var host = Host();
        var date = host.Clock.Now.AddSeconds(20).ToString("r", CultureInfo.InvariantCulture);
        Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(503, retryAfter: date), Status(200)));

        (await host.GetConversationsAsync()).Dispose();

        Assert.That(host.Delays.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(20) }));
    }

    [Test]
    public async Task RetryAfterInThePast_RetriesAtOnce()
    {
        using var host = Host();
        var date = host.Clock.Now.AddSeconds(-30).ToString("r", CultureInfo.InvariantCulture);
        Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(503, retryAfter: date), Status(200)));

        (await host.GetConversationsAsync()).Dispose();

        Assert.That(host.Delays.Delays, Is.EqualTo(new[] { TimeSpan.Zero }));
    }

    [TestCase("3600")]
    [TestCase("date")]
    public async Task RetryAfter_IsCapped(string value)
    {
        using var host = Host(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(10));
        var header = value == "date" ? host.Clock.Now.AddHours(2).ToString("r", CultureInfo.InvariantCulture) : value;
        Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(429, retryAfter: header), Status(200)));

        (await host.GetConversationsAsync()).Dispose();

        Assert.That(host.Delays.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(10) }));
    }

    [Test]
    public async Task CancellationDuringBackoff_StopsTheCall()
    {
        using var host = Host();
        host.Delays.BlockUntilCancelled = true;
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(503), Status(200)));
        using var cancel = new CancellationTokenSource();

        var call = host.GetConversationsAsync(cancel.Token);
        await host.Delays.DelayStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel();

        Assert.That(async () => await call.WaitAsync(TimeSpan.FromSeconds(30)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task TheRealBackoffWait_HonoursCancellation()
    {
        var retrying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logs = new SignallingLoggerFactory(3, retrying);
        var options = new AmigoClientOptions
        {
            OrganizationId = "acme",
            BaseUrl = new Uri(AmigoTestHost.BaseUrl),
            Credential = new BearerTokenCredential(AmigoTestHost.Jwt),
            LoggerFactory = logs,
        };
        var sequence = new ResponseSequence(Status(503, retryAfter: "50"), Status(200));
        using var client = new AmigoClient(options, new RoutedTransport(HttpMethod.Get, AmigoTestHost.BaseUrl + ConversationsPath, sequence));
        using var cancel = new CancellationTokenSource();

        var call = client.Context.SendAsync(new HttpRequestMessage(HttpMethod.Get, ConversationsPath), HttpCompletionOption.ResponseContentRead, null, cancel.Token);
        await retrying.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel();

        Assert.That(async () => await call.WaitAsync(TimeSpan.FromSeconds(30)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    [Test]
    public void Retries_AreLoggedWithOperationAttemptAndDelay()
    {
        using var host = Host(o => o.Retry.MaxRetries = 2);
        Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(503)));

        Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.GetConversationsAsync());

        var retries = host.Logs.Entries.Where(e => e.EventId.Id == 3).ToList();
        Assert.That(retries, Has.Count.EqualTo(2));
        Assert.That(retries.All(e => e.Level == LogLevel.Warning));
        Assert.That(retries[0].Message, Does.Contain("get-conversations").And.Contain("attempt 1").And.Contain("HTTP 503").And.Contain("retry 1 of 2"));
        Assert.That(retries[1].Message, Does.Contain("attempt 2").And.Contain("retry 2 of 2"));
        var final = host.Logs.Entries.Single(e => e.EventId.Id == 5);
        Assert.That(final.Message, Does.Contain("HTTP 503").And.Contain("after 3 attempt(s)"));
    }

    [Test]
    public void MaxRetriesZero_DisablesRetries()
    {
        using var host = Host(o => o.Retry.MaxRetries = 0);
        var sequence = Route(host, HttpMethod.Get, ConversationsPath, new ResponseSequence(Status(503), Status(200)));

        Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.GetConversationsAsync());

        Assert.That(sequence.Count, Is.EqualTo(1));
    }

    private sealed class SignallingLoggerFactory(int eventId, TaskCompletionSource signal) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (id.Id == eventId)
            {
                signal.TrySetResult();
            }
        }
    }
}
