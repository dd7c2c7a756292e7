using System.Net;
using Amigo.Tests.Support;

namespace Amigo.Tests.Facade;

/// <summary>
/// Handlers with nothing to do for a request hand back the inner handler's task itself (no async method of their
/// own, which a fresh process would have to JIT on its first call), and still do their work when there is some.
/// </summary>
[TestFixture]
public sealed class PipelinePassThroughTests
{
    private const string Url = AmigoTestHost.BaseUrl + "v1/" + AmigoTestHost.Organization + "/conversation/";

    [Test]
    public void AnAttemptWithContent_NoAttemptLogsAndNoRateLimitCallback_IsTheInnerHandlersTaskItself()
    {
        using var runtime = Runtime(configure: null);
        var pending = new TaskCompletionSource<HttpResponseMessage>();
        using var probe = Chain(runtime, pending);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{}") };

        var task = probe.Send(request);

        Assert.That(task, Is.SameAs(pending.Task));
        Assert.That(request.Headers.UserAgent.ToString(), Is.EqualTo(runtime.UserAgent));
        pending.SetResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    [Test]
    public async Task ARateLimitCallback_IsStillCalled_WithAttemptLogsOff()
    {
        var seen = new List<AmigoRateLimitInfo>();
        using var runtime = Runtime(o => o.RateLimitObserved = seen.Add);
        var pending = new TaskCompletionSource<HttpResponseMessage>();
        using var probe = Chain(runtime, pending);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{}") };

        var task = probe.Send(request);
        Assert.That(task, Is.Not.SameAs(pending.Task));
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Limit", "100");
        response.Headers.Add("X-RateLimit-Remaining", "99");
        pending.SetResult(response);
        (await task).Dispose();

        Assert.That(seen.Select(i => (i.Limit, i.Remaining)), Is.EqualTo(new[] { ((int?)100, (int?)99) }));
    }

    [Test]
    public async Task AnAttemptWithoutContent_IsSentWithEmptyContent_AndLeftWithoutIt()
    {
        using var runtime = Runtime(configure: null);
        var pending = new TaskCompletionSource<HttpResponseMessage>();
        HttpContent? sent = null;
        using var probe = Chain(runtime, pending, request => sent = request.Content);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);

        var task = probe.Send(request);
        pending.SetResult(new HttpResponseMessage(HttpStatusCode.OK));
        (await task).Dispose();

        Assert.That(sent, Is.Not.Null);
        Assert.That(request.Content, Is.Null);
    }

    [Test]
    public void ARequestThatSkipsAuthentication_IsTheInnerHandlersTaskItself_WithoutCredentials()
    {
        using var runtime = Runtime(configure: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{}") };
        request.Options.Set(AmigoRequestOptions.SkipAuthentication, true);

        AssertPassesStraightThrough(new AuthenticationHandler(runtime), request);
        Assert.That(request.Headers.Authorization, Is.Null);
    }

    [Test]
    public async Task AnAuthenticatedRequest_StillGetsItsCredentials()
    {
        using var runtime = Runtime(configure: null);
        var pending = new TaskCompletionSource<HttpResponseMessage>();
        using var probe = Around(new AuthenticationHandler(runtime), pending);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{}") };

        var task = probe.Send(request);
        pending.SetResult(new HttpResponseMessage(HttpStatusCode.OK));
        (await task).Dispose();

        Assert.That(request.Headers.Authorization?.ToString(), Is.EqualTo("Bearer " + AmigoTestHost.Jwt));
    }

    [Test]
    public void ARequestOutsideAnyCallScope_IsTheInnerHandlersTaskItself()
    {
        using var runtime = Runtime(configure: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{}") };

        AssertPassesStraightThrough(new CallOptionsHandler(runtime), request);
    }

    [Test]
    public void ARequestForAnOperationWithoutAClientSideLimit_IsTheInnerHandlersTaskItself()
    {
        using var runtime = Runtime(o => o.ClientSideRateLimiting = true);
        using var request = new HttpRequestMessage(HttpMethod.Get, AmigoTestHost.BaseUrl + "not-an-operation");
        Assert.That(AmigoOperations.Resolve(request).RequestsPerMinute, Is.Null);

        AssertPassesStraightThrough(new ClientRateLimitHandler(runtime), request);
    }

    private static void AssertPassesStraightThrough(DelegatingHandler handler, HttpRequestMessage request)
    {
        var pending = new TaskCompletionSource<HttpResponseMessage>();
        using var probe = Around(handler, pending);

        var task = probe.Send(request);

        Assert.That(task, Is.SameAs(pending.Task));
        pending.SetResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    private static AmigoClientRuntime Runtime(Action<AmigoClientOptions>? configure)
    {
        var options = new AmigoClientOptions
        {
            OrganizationId = AmigoTestHost.Organization,
            BaseUrl = new Uri(AmigoTestHost.BaseUrl),
            Credential = new BearerTokenCredential(AmigoTestHost.Jwt),
        };
        configure?.Invoke(options);
        return new AmigoClientRuntime(options);
    }

    private static Probe Chain(AmigoClientRuntime runtime, TaskCompletionSource<HttpResponseMessage> pending, Action<HttpRequestMessage>? onSend = null) =>
        new()
        {
            InnerHandler = new DiagnosticsHandler(runtime)
            {
                InnerHandler = new SingleSendHandler(runtime.UserAgent) { InnerHandler = new Pending(pending, onSend) },
            },
        };

    private static Probe Around(DelegatingHandler handler, TaskCompletionSource<HttpResponseMessage> pending)
    {
        handler.InnerHandler = new Pending(pending, onSend: null);
        return new Probe { InnerHandler = handler };
    }

    private sealed class Probe : DelegatingHandler
    {
        public Task<HttpResponseMessage> Send(HttpRequestMessage request) => base.SendAsync(request, CancellationToken.None);
    }

    private sealed class Pending(TaskCompletionSource<HttpResponseMessage> pending, Action<HttpRequestMessage>? onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend?.Invoke(request);
            return pending.Task;
        }
    }
}
