using System.Net;
using Amigo.Generated;
using Amigo.Tests.Support;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Conversations;

/// <summary>What CreateAsync and InteractAsync put on the wire, for each kind of input.</summary>
public partial class ConversationTurnRequestTests
{
    private const string ConversationId = "65f1c0ffee0123456789abcd";
    private const string ServiceId = "65f1c0ffee0123456789abce";
    private const string Complete = """{"type":"interaction-complete","message_id":"m","interaction_id":"i","full_message":"ok","conversation_completed":false}""" + "\n";

    private sealed record Captured(HttpRequestMessage Request, string Body);

    private static (AmigoTestHost Host, List<Captured> Requests) Host()
    {
        var host = new AmigoTestHost(o => o.Credential = AmigoCredential.FromBearerToken("token-SECRET"));
        var requests = new List<Captured>();
        host.Http.When(HttpMethod.Post, "*").Respond(async request =>
        {
            requests.Add(new Captured(request, await request.Content!.ReadAsStringAsync()));
            var created = request.RequestUri!.AbsolutePath.EndsWith("/conversation/", StringComparison.Ordinal);
            return new HttpResponseMessage(created ? HttpStatusCode.Created : HttpStatusCode.OK) { Content = new StringContent(Complete, System.Text.Encoding.UTF8, "application/x-ndjson") };
        });
        return (host, requests);
    }

    private static Dictionary<string, List<string>> Query(HttpRequestMessage request) =>
        request.RequestUri!.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .GroupBy(p => p[0], p => Uri.UnescapeDataString(p[1]))
            .ToDictionary(g => g.Key, g => g.ToList());

    [Test]
    public async Task Nothing_is_sent_until_the_stream_is_enumerated()
    {
        var (host, requests) = Host();
        using var _ = host;

        var stream = host.Client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("hello"));
        Assert.That(requests, Is.Empty);

        await stream.CollectAsync();
        Assert.That(requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Text_is_a_user_message_form_field_with_a_boundary()
    {
        var (host, requests) = Host();
        using var _ = host;

        await host.Client.Conversations.InteractAsync(ConversationId, InteractionInput.Text("Hi there"), new ConversationTurnOptions { AgentActionTypeFilter = "^tool-.*$" }).CollectAsync();

        var (request, body) = requests.Single();
        Assert.That(request.RequestUri!.AbsolutePath, Is.EqualTo($"/v1/acme/conversation/{ConversationId}/interact"));
        Assert.That(request.Content!.Headers.ContentType!.ToString(), Does.Match(@"^multipart/form-data; boundary=[^""]+$"));
        var query = Query(request);
        Assert.That(query["request_format"], Is.EqualTo(new[] { "text" }));
        Assert.That(query["response_format"], Is.EqualTo(new[] { "text" }));
        Assert.That(query["current_agent_action_type"], Is.EqualTo(new[] { "^tool-.*$" }));
        Assert.That(query.ContainsKey("request_audio_config"), Is.False);
        Assert.That(body, Does.Contain("name=initial_message_type").And.Contain("user-message"));
        Assert.That(body, Does.Contain("name=recorded_message").And.Contain("Hi there"));
        Assert.That(body, Does.Not.Contain("filename"));
    }

    [Test]
    public async Task Voice_uploads_the_stream_as_a_file_and_sends_the_audio_config_as_json()
    {
        var (host, requests) = Host();
        using var _ = host;
        var audio = new MemoryStream(new byte[] { 1, 2, 3, 4, 5, 6 });

        await host.Client.Conversations.InteractAsync(ConversationId,
            InteractionInput.Voice(audio, new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 }),
            new ConversationTurnOptions { ResponseFormat = Format.Voice }).CollectAsync();

        var (request, body) = requests.Single();
        var query = Query(request);
        Assert.That(query["request_format"], Is.EqualTo(new[] { "voice" }));
        Assert.That(query["response_format"], Is.EqualTo(new[] { "voice" }));
        var config = Newtonsoft.Json.Linq.JObject.Parse(query["request_audio_config"].Single());
        Assert.That((string?)config["type"], Is.EqualTo("pcm"));
        Assert.That((int)config["frame_rate"]!, Is.EqualTo(16000));
        Assert.That(body, Does.Contain("name=recorded_message; filename=recorded_message.pcm"));
        Assert.That(request.IsNeverRetried(), Is.True);
        Assert.That(request.IsContentReplayable(), Is.False, "a voice upload is read once: not even replayed after a 401");
    }

    [Test]
    public async Task External_events_and_skips_use_their_message_types()
    {
        var (host, requests) = Host();
        using var _ = host;
        var at = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        await host.Client.Conversations.InteractAsync(ConversationId, InteractionInput.ExternalEvent("The user opened the app").WithExternalEvent("Badge earned", at)).CollectAsync();
        await host.Client.Conversations.InteractAsync(ConversationId, InteractionInput.Skip()).CollectAsync();

        Assert.That(requests[0].Body, Does.Contain("external-event").And.Contain("The user opened the app"));
        Assert.That(requests[0].Body, Does.Contain("name=external_event_message_content").And.Contain("Badge earned"));
        Assert.That(requests[0].Body, Does.Contain("name=external_event_message_timestamp").And.Contain("2024-05-01T12:00:00.0000000+00:00"));
        Assert.That(requests[1].Body, Does.Contain("skip"));
        Assert.That(Query(requests[1].Request)["request_format"], Is.EqualTo(new[] { "text" }));
    }

    [Test]
    public async Task Create_posts_the_request_as_json_with_the_response_format()
    {
        var (host, requests) = Host();
        using var _ = host;

        var create = new CreateConversationRequest { ServiceId = ServiceId, ServiceVersionSetName = "release" };
        TagOnCreate(create);
        await host.Client.Conversations.CreateAsync(create, new ConversationTurnOptions { ResponseFormat = Format.Voice }).CollectAsync();

        var (request, body) = requests.Single();
        Assert.That(request.RequestUri!.AbsolutePath, Is.EqualTo("/v1/acme/conversation/"));
        Assert.That(Query(request)["response_format"], Is.EqualTo(new[] { "voice" }));
        var json = Newtonsoft.Json.Linq.JObject.Parse(body);
        Assert.That((string?)json["service_id"], Is.EqualTo(ServiceId));
        AssertTagSent(json);
    }

    /// <summary>The newest release's conversation tags (ConversationTurnRequestTests.Tags.cs): the tag created with.</summary>
    static partial void TagOnCreate(CreateConversationRequest request);

    /// <summary>The create request's JSON carries the tag (ConversationTurnRequestTests.Tags.cs).</summary>
    static partial void AssertTagSent(Newtonsoft.Json.Linq.JObject json);

    [TestCase(3999, 1, 2, "frame_rate")]
    [TestCase(44101, 1, 2, "frame_rate")]
    [TestCase(16000, 2, 2, "n_channels")]
    [TestCase(16000, 1, 3, "sample_width")]
    public void Audio_config_is_checked_before_sending(int frameRate, int channels, int width, string rule)
    {
        var config = new PCMUserMessageAudioConfig { FrameRate = frameRate, NChannels = channels, SampleWidth = width };

        var error = Assert.Throws<ArgumentException>(() => InteractionInput.Voice(new MemoryStream([1]), config));

        Assert.That(error!.Message, Does.Contain(rule));
        Assert.That(error.ParamName, Is.EqualTo("audioConfig"));
    }

    [Test]
    public void Mp3_and_valid_pcm_configs_are_accepted()
    {
        Assert.DoesNotThrow(() => InteractionInput.Voice(new MemoryStream([1]), new MP3UserMessageAudioConfig()));
        Assert.DoesNotThrow(() => InteractionInput.Voice(new MemoryStream([1]), new PCMUserMessageAudioConfig { FrameRate = 4000, NChannels = 1, SampleWidth = 4 }));
    }

    [Test]
    public void Bad_ids_and_filters_fail_before_sending()
    {
        var (host, requests) = Host();
        using var _ = host;

        Assert.Throws<ArgumentException>(() => host.Client.Conversations.InteractAsync("not-an-id", InteractionInput.Skip()));
        Assert.Throws<ArgumentException>(() => host.Client.Conversations.InteractAsync(ConversationId, InteractionInput.Skip(), new ConversationTurnOptions { AgentActionTypeFilter = "([" }));
        Assert.Throws<ArgumentException>(() => host.Client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "XYZ" }));
        Assert.Throws<ArgumentException>(() => host.Client.Conversations.CreateAsync(new CreateConversationRequest
        {
            ServiceId = ServiceId,
            InitialMessage = "",
        }));
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.Conversations.CreateAsync(
            new CreateConversationRequest { ServiceId = ServiceId }, callOptions: new AmigoCallOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => InteractionInput.Text(" "));
        Assert.Throws<InvalidOperationException>(() => InteractionInput.Skip().WithExternalEvent("x", DateTimeOffset.UnixEpoch));
        Assert.That(requests, Is.Empty);
    }
}
