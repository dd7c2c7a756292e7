using System.Text;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 9: a non-streamed response is read no further than <see cref="AmigoClientOptions.MaxResponseBodySize"/>;
/// over it, the call fails with a typed error naming the operation and the limit, and the connection is freed.
/// </summary>
[TestFixture]
public sealed class ResponseSizeTests
{
    private const long Limit = 1024 * 1024;
    private const long Huge = 64L * 1024 * 1024;

    /// <summary>A JSON body of <see cref="Huge"/> bytes, written in pieces until the client goes away.</summary>
    private static class HugeBody
    {
        public static async Task WriteAsync(HttpContext context, bool declareLength)
        {
            context.Response.ContentType = "application/json";
            if (declareLength)
            {
                context.Response.ContentLength = Huge;
            }

            var opening = Encoding.UTF8.GetBytes("""{"conversations":[],"has_more":false,"continuation_token":null,"padding":" """);
            var filler = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
            try
            {
                await context.Response.Body.WriteAsync(opening, context.RequestAborted);
                for (var written = opening.Length; written + filler.Length < Huge && !context.RequestAborted.IsCancellationRequested; written += filler.Length)
                {
                    await context.Response.Body.WriteAsync(filler, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client stopped reading and closed the connection.
            }
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_body_over_the_limit_is_a_typed_error_naming_the_operation_and_the_limit_and_frees_the_connection(bool declareLength)
    {
        var probe = new ClientReadProbe();
        await using var server = await HostileServer.StartWithSignInAsync(context => HugeBody.WriteAsync(context, declareLength));
        using var client = server.CreateClient(o =>
        {
            o.MaxResponseBodySize = Limit;
            o.Retry.MaxRetries = 0;
        }, HostileServer.Transport(probe));

        var error = Assert.CatchAsync(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoResponseTooLargeException>());
        var tooLarge = (AmigoResponseTooLargeException)error!;
        Assert.That(tooLarge.Operation, Is.EqualTo("get-conversations"));
        Assert.That(tooLarge.Limit, Is.EqualTo(Limit));
        Assert.That(tooLarge.Message, Does.Contain("get-conversations").And.Contain("1,048,576 bytes").And.Contain("MaxResponseBodySize"));
        Assert.That(probe.BytesRead, Is.LessThan(2 * Limit), "reading stopped at the limit: the body was never held whole");
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "the connection closed");
    }

    [Test]
    public async Task A_body_within_the_limit_is_read()
    {
        await using var server = await HostileServer.StartWithSignInAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync($$"""{"conversations":[],"has_more":false,"continuation_token":null,"padding":"{{new string('x', 500_000)}}"}""");
        });
        using var client = server.CreateClient(o => o.MaxResponseBodySize = Limit);

        var page = await client.Conversations.GetConversationsAsync().AsPages().FirstAsync();

        Assert.That(page.HasMore, Is.False);
    }

    [Test]
    public void The_default_limit_is_32_MiB_and_must_be_positive()
    {
        Assert.That(new AmigoClientOptions().MaxResponseBodySize, Is.EqualTo(32 * 1024 * 1024));
        var options = new AmigoClientOptions { OrganizationId = "acme", Credential = AmigoCredential.FromBearerToken("t"), MaxResponseBodySize = 0 };
        Assert.That(() => new AmigoClient(options), Throws.TypeOf<AmigoConfigurationException>().With.Property("Setting").EqualTo("MaxResponseBodySize"));
    }
}
