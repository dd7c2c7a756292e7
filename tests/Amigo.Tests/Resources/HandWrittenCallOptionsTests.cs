using System.Net;
using Amigo.Generated;
using Amigo.Tests.Support;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Resources;

/// <summary>The hand-written operations take per-call options and have raw-response variants, as the generated ones do.</summary>
[TestFixture]
public sealed class HandWrittenCallOptionsTests
{
    private const string Cid = RecordingApi.ConversationId;
    private const string Complete = """{"type":"interaction-complete","message_id":"m","interaction_id":"i","full_message":"ok","conversation_completed":false}""" + "\n";

    private static AmigoTestHost Host() => new(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));

    private static AmigoCallOptions Cluster(string name) => new() { MongoClusterName = name };

    private static HttpResponseMessage WithRequestId(HttpResponseMessage response, string id)
    {
        response.Headers.Add("x-request-id", id);
        return response;
    }

    [Test]
    public async Task GetMessageSourceWithResponse_SendsTheHeaders_AndReturnsTheRawResponseWithTheSource()
    {
        using var host = Host();
        host.Http.Expect(HttpMethod.Get, AmigoTestHost.BaseUrl + $"v1/acme/conversation/{Cid}/messages/{RecordingApi.MessageId}/source")
            .WithHeaders(AmigoCallOptions.MongoClusterNameHeader, "c-1")
            .Respond(_ => WithRequestId(AmigoTestHost.Json(HttpStatusCode.OK, """{"url":"https://files.example.com/a.wav"}"""), "req-1"));

        var raw = await host.Client.Conversations.GetMessageSourceWithResponseAsync(Cid, RecordingApi.MessageId, callOptions: Cluster("c-1"));

        host.Http.VerifyNoOutstandingExpectation();
        Assert.That(raw.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(raw.RequestId, Is.EqualTo("req-1"));
        Assert.That(raw.Value.Url, Is.EqualTo(new Uri("https://files.example.com/a.wav")));
    }

    [Test]
    public async Task UpdateWithResponse_SendsTheHeaders_AndReturnsTheRawResponse()
    {
        using var host = Host();
        host.Http.Expect(HttpMethod.Post, AmigoTestHost.BaseUrl + $"v1/acme/dynamic_behavior_set/{RecordingApi.SetId}/")
            .WithHeaders(AmigoCallOptions.MongoClusterNameHeader, "c-2")
            .WithContent("""{"is_active":false}""")
            .Respond(_ => WithRequestId(new HttpResponseMessage(HttpStatusCode.NoContent), "req-2"));

        var raw = await host.Client.DynamicBehaviorSets.UpdateWithResponseAsync(RecordingApi.SetId, new DynamicBehaviorSetUpdate { IsActive = false }, Cluster("c-2"));

        host.Http.VerifyNoOutstandingExpectation();
        Assert.That(raw.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(raw.RequestId, Is.EqualTo("req-2"));
    }

    [Test]
    public async Task EvaluateWithResponse_SendsTheHeaders_AndReturnsTheRawResponseWithTypedValues()
    {
        using var host = Host();
        host.Http.Expect(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/metric/evaluate")
            .WithHeaders(AmigoCallOptions.MongoClusterNameHeader, "c-3")
            .Respond(_ => WithRequestId(AmigoTestHost.Json(HttpStatusCode.OK, """{"metrics":[{"metric_id":"p","value":0.5,"references":[],"justification":"ok"}]}"""), "req-3"));

        var raw = await host.Client.Metrics.EvaluateWithResponseAsync(
            new EvaluateMetricsRequest { MetricIds = [RecordingApi.MetricA], ConversationId = Cid }, Cluster("c-3"));

        host.Http.VerifyNoOutstandingExpectation();
        Assert.That(raw.RequestId, Is.EqualTo("req-3"));
        Assert.That(raw.Value.Single().Value.AsNumber(), Is.EqualTo(0.5));
    }

    [Test]
    public void HandWrittenMethods_CheckTheirCallOptions_BeforeSending()
    {
        using var host = Host();
        var sent = host.Http.When("*").Respond(HttpStatusCode.OK);
        var bad = new AmigoCallOptions { MaxRetries = -1 };

        Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.Conversations.GetMessageSourceAsync(Cid, RecordingApi.MessageId, callOptions: bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.DynamicBehaviorSets.UpdateAsync(RecordingApi.SetId, new DynamicBehaviorSetUpdate(), bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [RecordingApi.MetricA], ConversationId = Cid }, bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = RecordingApi.ServiceId }, callOptions: bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.Conversations.InteractAsync(Cid, InteractionInput.Skip(), callOptions: bad));
        Assert.That(host.Http.GetMatchCount(sent), Is.Zero);
    }

    [Test]
    public async Task StreamedTurns_SendTheCallOptionsHeaders_OnlyOnTheirOwnRequest()
    {
        using var host = Host();
        var clusters = new List<string?>();
        host.Http.When(HttpMethod.Post, "*").Respond(request =>
        {
            clusters.Add(request.Headers.TryGetValues(AmigoCallOptions.MongoClusterNameHeader, out var values) ? values.Single() : null);
            var created = request.RequestUri!.AbsolutePath.EndsWith("/conversation/", StringComparison.Ordinal);
            return new HttpResponseMessage(created ? HttpStatusCode.Created : HttpStatusCode.OK) { Content = new StringContent(Complete, System.Text.Encoding.UTF8, "application/x-ndjson") };
        });

        await host.Client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = RecordingApi.ServiceId }, callOptions: Cluster("c-4")).CollectAsync();
        await host.Client.Conversations.InteractAsync(Cid, InteractionInput.Text("hi"), callOptions: Cluster("c-5")).CollectAsync();
        await host.Client.Conversations.InteractAsync(Cid, InteractionInput.Skip()).CollectAsync();

        Assert.That(clusters, Is.EqualTo(new[] { "c-4", "c-5", null }));
    }

    [Test]
    public void StreamedTurns_HonourTheCallTimeout_UntilTheHeadersArrive()
    {
        var hanging = new HangingHandler();
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.RequestTimeout = TimeSpan.FromHours(1);
        })
        { Transport = hanging };
        var timeout = TimeSpan.FromMilliseconds(200);

        var error = Assert.ThrowsAsync<AmigoTimeoutException>(async () =>
            await host.Client.Conversations.InteractAsync(Cid, InteractionInput.Skip(), callOptions: new AmigoCallOptions { Timeout = timeout }).CollectAsync());

        Assert.That(error!.Timeout, Is.EqualTo(timeout));
        Assert.That(error.Operation, Is.EqualTo("interact-with-conversation"));
    }
}
