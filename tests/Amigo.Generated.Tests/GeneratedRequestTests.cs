using System.Net;
using System.Net.Http.Headers;
using RichardSzalay.MockHttp;

namespace Amigo.Generated.Tests;

/// <summary>What the generated clients put on the wire.</summary>
public class GeneratedRequestTests
{
    private const string Org = "acme";
    private const string Conversation = "65f1c0ffee0123456789abcd";

    [Test]
    public async Task Requests_go_to_the_injected_HttpClients_base_address()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api-eu-central-1.amigo.ai/v1/acme/conversation/")
            .WithQueryString("limit", "5")
            .Respond("application/json", """{"conversations":[],"has_more":false,"continuation_token":null}""");
        var client = new ConversationClient(new HttpClient(mock) { BaseAddress = new Uri("https://api-eu-central-1.amigo.ai/") });

        var page = await client.GetConversationsAsync(Org, limit: 5);

        mock.VerifyNoOutstandingExpectation();
        Assert.That(page.HasMore, Is.False);
        Assert.That(typeof(ConversationClient).GetProperty("BaseUrl"), Is.Null);
    }

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

/// <summary>Regressions found by running the generated clients against the emulator.</summary>
public class GeneratedResponseTests
{
    [Test]
    public async Task An_any_typed_response_may_be_null()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Delete, "*").Respond("application/json", "null");
        var client = new DynamicBehaviorSetClient(new HttpClient(mock) { BaseAddress = new Uri("https://api.amigo.ai/") });

        var result = await client.DeleteDynamicBehaviorInstructionAsync("acme", "65f1c0ffee0123456789abcd");

        Assert.That(result, Is.Null);
    }

    [Test]
    public void Form_field_dates_are_text_the_caller_formats_as_iso_8601()
    {
        var parameter = typeof(ConversationClient).GetMethod("InteractWithConversationAsync")!.GetParameters().Single(p => p.Name == "externalEventMessageTimestamp");

        Assert.That(parameter.ParameterType, Is.EqualTo(typeof(IEnumerable<string>)));
    }
}
