using System.Diagnostics;
using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.Support;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Telemetry;

[TestFixture]
public sealed class TelemetryTests
{
    private const string ConversationId = "65f1c0ffee0123456789abcd";
    private const string EmptyPage = """{"conversations":[],"has_more":false,"continuation_token":null}""";

    private static AmigoClient Client(StreamingTestServer server, Action<AmigoClientOptions>? configure = null)
    {
        var options = new AmigoClientOptions
        {
            OrganizationId = "acme",
            BaseUrl = server.BaseAddress,
            Credential = AmigoCredential.FromBearerToken("SECRET-bearer-token"),
            DelayOverride = (_, _) => Task.CompletedTask,
        };
        configure?.Invoke(options);
        return new AmigoClient(options);
    }

    [Test]
    public async Task RetriedCall_IsOneAmigoActivity_WithEveryHttpAttemptAsAChild()
    {
        var attempts = 0;
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref attempts) <= 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(EmptyPage);
        });
        using var client = Client(server);
        using var capture = new TelemetryCapture();

        await foreach (var _ in client.Conversations.GetConversationsAsync())
        {
        }

        var operation = capture.Amigo().Single();
        Assert.That(operation.OperationName, Is.EqualTo("get-conversations"));
        Assert.That(operation.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(operation.GetTagItem("amigo.operation.id"), Is.EqualTo("get-conversations"));
        Assert.That(operation.GetTagItem("http.request.method"), Is.EqualTo("GET"));
        Assert.That(operation.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
        Assert.That(operation.GetTagItem("server.port"), Is.EqualTo(server.BaseAddress.Port));
        Assert.That(operation.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        Assert.That(operation.GetTagItem("amigo.retry.count"), Is.EqualTo(2));
        Assert.That(operation.GetTagItem("error.type"), Is.Null);
        Assert.That(operation.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(operation.Events.Select(e => e.Name), Is.EqualTo(new[] { "amigo.retry", "amigo.retry" }));
        Assert.That(operation.Events.First().Tags, Does.Contain(new KeyValuePair<string, object?>("error.type", "503")));

        var http = capture.Http();
        Assert.That(http, Has.Count.EqualTo(3));
        Assert.That(http.Select(a => a.ParentSpanId), Has.All.EqualTo(operation.SpanId));
        Assert.That(http.Select(a => a.GetTagItem("http.response.status_code")), Is.EqualTo(new object[] { 503, 503, 200 }));

        var retries = capture.Of("amigo.client.retries");
        Assert.That(retries.Sum(m => m.Value), Is.EqualTo(2));
        Assert.That(retries.Select(m => m.Tags["amigo.operation.id"]), Has.All.EqualTo("get-conversations"));
        Assert.That(retries.Select(m => m.Tags["error.type"]), Has.All.EqualTo("503"));
        var duration = capture.Of("amigo.client.operation.duration").Single();
        Assert.That(duration.Unit, Is.EqualTo("s"));
        Assert.That(duration.Value, Is.GreaterThan(0));
        Assert.That(duration.Tags, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["amigo.operation.id"] = "get-conversations",
            ["server.address"] = "127.0.0.1",
            ["http.response.status_code"] = 200,
        }));
    }

    [Test]
    public async Task StreamedTurn_ActivityLastsUntilTheStreamEnds_AndRecordsEventsAndTimeToFirstEvent()
    {
        var release = new Signal("rest of the turn");
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.UserMessage("hi"));
            await release.WaitAsync(context.RequestAborted);
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.TextPiece("Hello", 0, stop: true));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Complete("Hello"));
        });
        using var client = Client(server);
        using var capture = new TelemetryCapture();

        var events = 0;
        await foreach (var _ in client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("hi")))
        {
            if (++events == 1)
            {
                // The HTTP exchange has its headers; the operation is still under way.
                Assert.That(capture.Amigo(stopped: false), Has.Count.EqualTo(1));
                Assert.That(capture.Amigo(), Is.Empty);
                release.Set();
            }
        }

        var operation = capture.Amigo().Single();
        Assert.That(operation.OperationName, Is.EqualTo("interact-with-conversation"));
        Assert.That(operation.GetTagItem("amigo.stream.events_received"), Is.EqualTo(3L));
        Assert.That(operation.GetTagItem("amigo.stream.outcome"), Is.EqualTo("completed"));
        Assert.That(operation.GetTagItem("amigo.stream.time_to_first_event"), Is.TypeOf<double>().And.GreaterThan(0d));
        Assert.That(operation.GetTagItem("http.request.method"), Is.EqualTo("POST"));
        Assert.That(operation.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        Assert.That(capture.Http().Single().ParentSpanId, Is.EqualTo(operation.SpanId));
        Assert.That(operation.Duration, Is.GreaterThanOrEqualTo(capture.Http().Single().Duration));

        Assert.That(capture.Of("amigo.client.stream.time_to_first_event").Single().Tags["amigo.operation.id"], Is.EqualTo("interact-with-conversation"));
        var received = capture.Of("amigo.client.stream.events").Single();
        Assert.That(received.Value, Is.EqualTo(3));
        Assert.That(received.Unit, Is.EqualTo("{event}"));
        Assert.That(capture.Of("amigo.client.operation.duration").Single().Tags["amigo.operation.id"], Is.EqualTo("interact-with-conversation"));
    }

    [Test]
    public async Task StreamEndedByAnErrorEvent_RecordsErrorTypeAndPhase()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.UserMessage("hi"));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Error(500, "model failed for SECRET-bearer-token"));
        });
        using var client = Client(server);
        using var capture = new TelemetryCapture();

        Assert.ThrowsAsync<AmigoStreamErrorEventException>(async () =>
            await client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("hi")).CollectAsync());

        var operation = capture.Amigo().Single();
        Assert.That(operation.GetTagItem("error.type"), Is.EqualTo(typeof(AmigoStreamErrorEventException).FullName));
        Assert.That(operation.GetTagItem("amigo.stream.error_phase"), Is.EqualTo("before_interaction_complete"));
        Assert.That(operation.GetTagItem("amigo.stream.outcome"), Is.EqualTo("failed"));
        Assert.That(operation.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(operation.GetTagItem("amigo.stream.events_received"), Is.EqualTo(1L));
        Assert.That(capture.Of("amigo.client.operation.duration").Single().Tags["error.type"], Is.EqualTo(typeof(AmigoStreamErrorEventException).FullName));
        AssertNoSecretOrBody(operation, "SECRET", "model failed", ConversationId);
    }

    [Test]
    public async Task StreamLeftEarly_EndsItsActivityAsAbandoned()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.UserMessage("hi"));
            await context.WaitForClientToLeaveAsync();
        });
        using var client = Client(server);
        using var capture = new TelemetryCapture();

        await foreach (var _ in client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("hi")))
        {
            break;
        }

        var operation = capture.Amigo().Single();
        Assert.That(operation.GetTagItem("amigo.stream.outcome"), Is.EqualTo("abandoned"));
        Assert.That(operation.GetTagItem("amigo.stream.events_received"), Is.EqualTo(1L));
    }

    [Test]
    public async Task FailedCall_RecordsTheTypedErrorAndStatus_WithoutSecretsOrBodies()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn();
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/")
            .Respond(System.Net.HttpStatusCode.NotFound, "application/json", """{"detail":"no conversation for sk-SECRET-api-key-0123456789"}""");
        using var capture = new TelemetryCapture();

        Assert.ThrowsAsync<AmigoNotFoundException>(async () =>
        {
            await foreach (var _ in host.Client.Conversations.GetConversationsAsync(new GetConversationsOptions { Id = [ConversationId] }))
            {
            }
        });

        var operation = capture.Amigo().Single();
        Assert.That(operation.GetTagItem("error.type"), Is.EqualTo(typeof(AmigoNotFoundException).FullName));
        Assert.That(operation.GetTagItem("http.response.status_code"), Is.EqualTo(404));
        Assert.That(operation.Status, Is.EqualTo(ActivityStatusCode.Error));
        AssertNoSecretOrBody(operation, "SECRET", "no conversation", ConversationId, "/v1/");
        var duration = capture.Of("amigo.client.operation.duration").Single();
        Assert.That(duration.Tags["error.type"], Is.EqualTo(typeof(AmigoNotFoundException).FullName));
        Assert.That(duration.Tags["http.response.status_code"], Is.EqualTo(404));
    }

    [Test]
    public async Task ClientSideThrottling_RecordsTheWait()
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = AmigoCredential.FromBearerToken("token");
            o.ClientSideRateLimiting = true;
        });
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/").Respond("application/json", EmptyPage);
        using var capture = new TelemetryCapture();

        await foreach (var _ in host.Client.Conversations.GetConversationsAsync())
        {
        }

        var wait = capture.Of("amigo.client.throttling.wait.duration").Single();
        Assert.That(wait.Tags["amigo.operation.id"], Is.EqualTo("get-conversations"));
        Assert.That(wait.Tags["amigo.throttle.source"], Is.EqualTo("client"));
        Assert.That(wait.Unit, Is.EqualTo("s"));
    }

    [Test]
    public async Task RetryAfter_CountsAsAThrottlingWaitOfTheServer()
    {
        using var host = new AmigoTestHost(o => o.Credential = AmigoCredential.FromBearerToken("token"));
        var sequence = new Queue<HttpResponseMessage>([
            new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests) { Headers = { { "Retry-After", "2" } } },
            AmigoTestHost.Json(System.Net.HttpStatusCode.OK, EmptyPage),
        ]);
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/").Respond(_ => sequence.Dequeue());
        using var capture = new TelemetryCapture();

        await foreach (var _ in host.Client.Conversations.GetConversationsAsync())
        {
        }

        var wait = capture.Of("amigo.client.throttling.wait.duration").Single();
        Assert.That(wait.Value, Is.EqualTo(2));
        Assert.That(wait.Tags["amigo.throttle.source"], Is.EqualTo("retry_after"));
        Assert.That(capture.Of("amigo.client.retries").Single().Tags["error.type"], Is.EqualTo("429"));
    }

    [Test]
    public async Task WithoutListeners_NothingIsCreated()
    {
        using var host = new AmigoTestHost(o => o.Credential = AmigoCredential.FromBearerToken("token"));
        HttpRequestMessage? sent = null;
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/").Respond(request =>
        {
            sent = request;
            return AmigoTestHost.Json(System.Net.HttpStatusCode.OK, EmptyPage);
        });
        // Only HttpClient's own source and no meter: the SDK must not start activities or time anything.
        using var capture = new TelemetryCapture(listenToActivities: false, listenToMetrics: false);

        Assert.That(AmigoOperationScope.Start("get-conversations"), Is.Null);
        await foreach (var _ in host.Client.Conversations.GetConversationsAsync())
        {
        }

        Assert.That(capture.Started, Is.Empty);
        Assert.That(sent!.Options.TryGetValue(AmigoRequestOptions.Telemetry, out _), Is.False);
    }

    [Test]
    public async Task HandBuiltRequest_WithoutAnAmbientCall_GetsItsOwnActivity()
    {
        using var host = new AmigoTestHost(o => o.Credential = AmigoCredential.FromBearerToken("token"));
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/").Respond("application/json", "{}");
        using var capture = new TelemetryCapture();

        using var response = await host.GetConversationsAsync();

        var operation = capture.Amigo().Single();
        Assert.That(operation.OperationName, Is.EqualTo("get-conversations"));
        Assert.That(operation.GetTagItem("http.response.status_code"), Is.EqualTo(200));
    }

    private static void AssertNoSecretOrBody(Activity activity, params string[] forbidden)
    {
        var texts = activity.TagObjects.Select(t => $"{t.Key}={t.Value}")
            .Concat(activity.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Append(activity.StatusDescription ?? "")
            .Append(activity.DisplayName)
            .ToList();
        foreach (var text in forbidden)
        {
            Assert.That(texts, Has.None.Contains(text), text);
        }
    }
}
