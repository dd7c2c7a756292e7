using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 8: disposing the client ends every stream and call in flight at once, with
/// <see cref="ObjectDisposedException"/>, and frees their connections (not after the 2-minute idle timeout).
/// </summary>
[TestFixture]
public sealed class ClientDisposalTests
{
    /// <summary>Streams one event, then says nothing more until the client leaves.</summary>
    private static Task<HostileServer> StallingServerAsync(Signal requestArrived) => HostileServer.StartWithSignInAsync(async context =>
    {
        requestArrived.Set();
        if (context.Request.Method == "GET")
        {
            await context.WaitForClientToLeaveAsync();
            return;
        }

        await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
        await context.Response.WriteLineAndFlushAsync(ConversationEvents.Created("65f1c0ffee0123456789abcd"));
        await context.WaitForClientToLeaveAsync();
    });

    private static ConversationEventStream Create(AmigoClient client) =>
        client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" });

    [Test]
    public async Task Disposing_the_client_ends_a_stream_in_flight_and_frees_its_connection()
    {
        await using var server = await StallingServerAsync(new Signal("stream request"));
        var client = server.CreateClient();
        await using var events = Create(client).GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);
        var next = events.MoveNextAsync().AsTask();

        client.Dispose();

        var error = Assert.CatchAsync(() => next.WaitAsync(Signal.Guard));
        Assert.That(error, Is.TypeOf<ObjectDisposedException>());
        Assert.That(error!.Message, Does.Contain("create-conversation"));
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "every connection closed");
    }

    [Test]
    public async Task Disposing_the_client_ends_a_call_in_flight_with_ObjectDisposedException()
    {
        var arrived = new Signal("list request");
        await using var server = await StallingServerAsync(arrived);
        var client = server.CreateClient();
        var call = client.Conversations.GetConversationsAsync().AsPages().FirstAsync().AsTask();
        await arrived.WaitAsync();

        client.Dispose();

        var error = Assert.CatchAsync(() => call.WaitAsync(Signal.Guard));
        Assert.That(error, Is.TypeOf<ObjectDisposedException>());
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "every connection closed");
    }

    [Test]
    public async Task Disposing_the_container_ends_the_streams_of_a_client_from_dependency_injection()
    {
        await using var server = await StallingServerAsync(new Signal("stream request"));
        var services = new ServiceCollection();
        services.AddAmigoClient(o =>
        {
            o.OrganizationId = HostileServer.Organization;
            o.BaseUrl = server.BaseAddress;
            o.Credential = AmigoCredential.FromApiKey(HostileServer.ApiKey, HostileServer.ApiKeyId, HostileServer.UserId);
        });
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AmigoClient>();
        await using var events = Create(client).GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);
        var next = events.MoveNextAsync().AsTask();

        await provider.DisposeAsync();

        Assert.That(() => next.WaitAsync(Signal.Guard), Throws.TypeOf<ObjectDisposedException>());
        await server.Connections.WaitUntilAsync(c => c.Open == 0, "every connection closed");
    }

    [Test]
    public async Task A_call_on_a_disposed_client_is_an_ObjectDisposedException()
    {
        await using var server = await StallingServerAsync(new Signal("unused"));
        var client = server.CreateClient();
        client.Dispose();

        Assert.That(() => Create(client).CollectAsync(), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => client.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd"), Throws.TypeOf<ObjectDisposedException>());
    }
}
