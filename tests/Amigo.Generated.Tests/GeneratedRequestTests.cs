using System.Net;
using System.Net.Http.Headers;
using RichardSzalay.MockHttp;

namespace Amigo.Generated.Tests;

/// <summary>What the generated clients put on the wire.</summary>
public partial class GeneratedRequestTests
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
