// The Amigo quickstart: one short conversation, streamed live.
// With no AMIGO_* environment variables it runs against the in-process emulator; with them it talks to the real API.
// The service is AMIGO_SERVICE_ID when set; otherwise the first active service the organization lists. --base-url <url> points it at another server (a standalone emulator, with the demo
// credentials, unless AMIGO_* is set); --strict fails on anything that does not match the API spec.
using Amigo;
using Amigo.Emulator;
using Amigo.Generated;
using Amigo.Quickstart;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

try
{
    await using var backend = await Backend.StartAsync(args, cancel.Token);
    using var client = new AmigoClient(backend.Options);
    var console = new Terminal();

    console.Heading($"Amigo quickstart · {backend.Description}");

    var serviceId = backend.ServiceId;
    if (serviceId is null)
    {
        console.Step("Finding a service (the first active one):");
        await foreach (var service in client.Services.GetServicesAsync(new GetServicesOptions { IsActive = true }, cancellationToken: cancel.Token))
        {
            serviceId = service.Id;
            console.Note($"{service.Name} ({service.Id})");
            break;
        }

        if (serviceId is null)
        {
            Terminal.Error("The organization has no active service: create one, or set AMIGO_SERVICE_ID.");
            return 1;
        }
    }

    console.Step("Creating a conversation; the agent greets you:");
    var (conversationId, _) = await console.StreamTurnAsync(
        client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = serviceId }, cancellationToken: cancel.Token),
        cancel.Token);
    if (conversationId is null)
    {
        Terminal.Error("The server did not say which conversation it created.");
        return 1;
    }

    foreach (var message in new[] { "Hi! What can you help me with?", "Great, thanks. That's all for today." })
    {
        console.User(message);
        var (_, completed) = await console.StreamTurnAsync(client.Conversations.InteractAsync(conversationId, InteractionInput.Text(message), cancellationToken: cancel.Token), cancel.Token);
        if (completed)
        {
            console.Note("The agent ended the conversation.");
            break;
        }
    }

    console.Step("The conversation so far (fetched page by page):");
    var oldestFirst = new GetConversationMessagesOptions { SortBy = ["+created_at"], PageSize = 2 };
    await foreach (var message in client.Conversations.GetConversationMessagesAsync(conversationId, oldestFirst, cancellationToken: cancel.Token))
        console.Transcript(message);

    console.Step("Your conversations (listed page by page):");
    await foreach (var conversation in client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = 2 }, cancellationToken: cancel.Token))
        console.Note($"{conversation.Id}{(conversation.Id == conversationId ? " (this one)" : "")}");

    console.Step("Finishing the conversation.");
    await client.Conversations.FinishConversationAsync(conversationId, cancellationToken: cancel.Token);
    console.Done("Done.");
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (AmigoException e)
{
    Terminal.Error(e.Message);
    return 1;
}
catch (ArgumentException e)
{
    Terminal.Error($"Configuration problem: {e.Message}");
    return 2;
}
catch (Exception e)
{
    // Not an SDK error: a bug to report, so the whole exception (inner ones and stack traces) is shown.
    Terminal.Error($"Unexpected {e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine(e);
    return 1;
}
