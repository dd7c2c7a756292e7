using System.Text;
using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>Issue 10, item 4: a UTF-8 byte order mark before the first line costs nothing.</summary>
[TestFixture]
public sealed class ByteOrderMarkTests
{
    [TestCase(1)]
    [TestCase(3)]
    public async Task A_byte_order_mark_before_the_first_line_of_a_stream_is_skipped(int bytesPerWrite)
    {
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
            // The mark may arrive split across network reads.
            var mark = Encoding.UTF8.Preamble.ToArray();
            for (var i = 0; i < mark.Length; i += bytesPerWrite)
            {
                await context.Response.WriteAndFlushAsync(mark.AsMemory(i, Math.Min(bytesPerWrite, mark.Length - i)));
            }

            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Created("65f1c0ffee0123456789abcd"));
            await context.Response.WriteLineAndFlushAsync(ConversationEvents.Complete("Hello."));
        });
        using var client = server.CreateClient(o => o.StrictDecoding = true);

        var result = await client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" }).CollectAsync();

        Assert.That(result.ConversationId, Is.EqualTo("65f1c0ffee0123456789abcd"));
        Assert.That(result.AgentMessage, Is.EqualTo("Hello."));
    }

    [Test]
    public async Task A_byte_order_mark_before_an_error_body_does_not_hide_its_detail()
    {
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("\uFEFF{\"detail\":\"No such conversation.\"}"));
        });
        using var client = server.CreateClient();

        var error = Assert.ThrowsAsync<AmigoNotFoundException>(() => client.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd"));

        Assert.That(error!.Detail, Is.EqualTo("No such conversation."));
        Assert.That(error.Details.BodyKind, Is.EqualTo(AmigoErrorBodyKind.Json));
    }

    [Test]
    public async Task A_byte_order_mark_before_a_response_body_is_skipped()
    {
        await using var server = await HostileServer.StartWithSignInAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("\uFEFF{\"conversations\":[],\"has_more\":false,\"continuation_token\":null}"));
        });
        using var client = server.CreateClient(o => o.StrictDecoding = true);

        var page = await client.Conversations.GetConversationsAsync().AsPages().FirstAsync();

        Assert.That(page.Items, Is.Empty);
    }
}
