// Requires: InteractWithConversationInitialMessageType
using System.Net;
using System.Net.Http.Headers;
using RichardSzalay.MockHttp;

namespace Amigo.Generated.Tests;

/// <summary>The interact form's fields (initial_message_type and the rest), which only the newest spec release has.</summary>
public partial class GeneratedRequestTests
{
    [Test]
    public async Task Interact_sends_form_fields_a_boundary_and_the_audio_config_as_json()
    {
        HttpRequestMessage? captured = null;
        string? body = null;
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, $"https://api.amigo.ai/v1/acme/conversation/{Conversation}/interact")
            .Respond(async request =>
            {
                captured = request;
                body = await request.Content!.ReadAsStringAsync();
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"type\":\"interaction-complete\"}\n") };
            });
        var client = new ConversationClient(new HttpClient(mock) { BaseAddress = new Uri("https://api.amigo.ai/") });
        var config = new PCMUserMessageAudioConfig { FrameRate = 16000, NChannels = 1, SampleWidth = 2 };

        using var response = await client.InteractWithConversationAsync(Conversation, Org, Format.Text, Format.Voice,
            requestAudioConfig: config.ToString(),
            initialMessageType: InteractWithConversationInitialMessageType.UserMessage,
            recordedMessage: "Hello",
            externalEventMessageContent: [],
            externalEventMessageTimestamp: []);

        Assert.That(captured, Is.Not.Null);
        var contentType = captured!.Content!.Headers.ContentType!;
        Assert.That(contentType.MediaType, Is.EqualTo("multipart/form-data"));
        Assert.That(contentType.Parameters.Single(p => p.Name == "boundary").Value, Is.Not.Empty);
        Assert.That(contentType.ToString(), Does.Match(@"^multipart/form-data; boundary=.+$"));
        Assert.That(body, Does.Contain("name=initial_message_type").And.Contain("user-message").And.Contain("name=recorded_message").And.Contain("Hello"));

        var query = System.Web.HttpUtility.ParseQueryString(captured.RequestUri!.Query);
        Assert.That(query["request_format"], Is.EqualTo("text"));
        Assert.That(query["response_format"], Is.EqualTo("voice"));
        Assert.That(Newtonsoft.Json.Linq.JObject.Parse(query["request_audio_config"]!)["frame_rate"]!.ToObject<int>(), Is.EqualTo(16000));
        Assert.That(captured.Headers.Accept, Does.Contain(new MediaTypeWithQualityHeaderValue("application/x-ndjson")));
        using var reader = new StreamReader(response.Stream);
        Assert.That(await reader.ReadToEndAsync(), Does.Contain("interaction-complete"));
    }

    [Test]
    public async Task Optional_form_fields_may_be_left_out()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(HttpStatusCode.OK, new StringContent(""));
        var client = new ConversationClient(new HttpClient(mock) { BaseAddress = new Uri("https://api.amigo.ai/") });

        using var response = await client.InteractWithConversationAsync(Conversation, Org, Format.Text, Format.Text,
            initialMessageType: InteractWithConversationInitialMessageType.Skip, recordedMessage: "");

        Assert.That(response.StatusCode, Is.EqualTo(200));
    }
}
