// Receiving Amigo webhooks: an ASP.NET Core endpoint (MapAmigoWebhooks) that verifies each delivery's signature and
// timestamp, acts on each event once, and answers 2xx. Here the local emulator plays Amigo: it registers the
// destination, and after the conversation is finished it POSTs one signed conversation-post-processing-complete
// event per post-processing step.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Amigo;
using Amigo.Emulator;
using Amigo.Generated;
using Amigo.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

try
{
    await using var emulator = await AmigoEmulator.StartAsync(cancellationToken: cancel.Token);

    // 1. Register the receiver's URL as a webhook destination (against the real API: the create-webhook-destination
    //    operation, with an https:// URL). Amigo shows the secret once: keep it in your secret store.
    var webhookUrl = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/amigo/webhooks");
    var destination = emulator.Webhooks.CreateDestination(webhookUrl, [EmulatorWebhookTypes.ConversationPostProcessingComplete]);
    Console.WriteLine($"Registered webhook destination {destination.WebhookDestinationId} for {webhookUrl}");

    // 2. The receiver: a minimal ASP.NET Core app. Unverified requests get 401 and never reach the handler; a retried
    //    delivery (same idempotency key) is answered 2xx without calling it again.
    var steps = new ConcurrentDictionary<PostProcessingType, string>();
    var allSteps = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, webhookUrl.Port));
    await using var app = builder.Build();
    app.MapAmigoWebhooks(webhookUrl.AbsolutePath, (webhookEvent, _) =>
    {
        switch (webhookEvent)
        {
            case ConversationPostProcessingCompleteEvent done:
                Console.WriteLine($"  webhook › {done.PostProcessingType} finished for conversation {done.ConversationId}");
                steps[done.PostProcessingType] = done.ConversationId;
                if (steps.Count == emulator.Options.Webhooks.PostProcessingTypes.Count)
                    allSteps.TrySetResult();
                break;
            case UnknownAmigoWebhookEvent other:
                Console.WriteLine($"  webhook › {other.Type} (not handled by this sample)");
                break;
        }

        return Task.CompletedTask;
    }, options => options.Secrets.Add(destination.Secret));
    await app.StartAsync(cancel.Token);

    // 3. A short conversation, finished: post-processing starts, and each finished step is announced by a webhook.
    using var client = new AmigoClient(new AmigoClientOptions
    {
        OrganizationId = emulator.OrganizationId,
        BaseUrl = emulator.BaseUrl,
        Credential = AmigoCredential.FromApiKey(AmigoEmulatorOptions.DemoApiKey, AmigoEmulatorOptions.DemoApiKeyId, AmigoEmulatorOptions.DemoUserId),
    });
    var created = await client.Conversations
        .CreateAsync(new CreateConversationRequest { ServiceId = AmigoEmulatorOptions.DemoServiceId }, cancellationToken: cancel.Token)
        .CollectAsync(cancel.Token);
    var conversationId = created.ConversationId
        ?? throw new InvalidOperationException("The server did not say which conversation it created.");
    await client.Conversations.InteractAsync(conversationId, InteractionInput.Text("Thanks, that's all."), cancellationToken: cancel.Token)
        .CollectAsync(cancel.Token);
    Console.WriteLine($"Finishing conversation {conversationId}; waiting for its webhooks:");
    await client.Conversations.FinishConversationAsync(conversationId, cancellationToken: cancel.Token);

    await allSteps.Task.WaitAsync(cancel.Token);
    await emulator.Webhooks.WhenIdleAsync(cancel.Token);
    foreach (var delivery in emulator.Webhooks.GetDeliveries(destination.WebhookDestinationId))
        Console.WriteLine($"  delivery {delivery.Id}: {delivery.Status} after {delivery.DeliveryAttempts.Count} attempt(s)");

    var wrong = steps.Values.FirstOrDefault(id => id != conversationId);
    if (wrong is not null)
    {
        Console.Error.WriteLine($"A webhook named conversation {wrong}, not {conversationId}.");
        return 1;
    }

    await app.StopAsync(cancel.Token);
    Console.WriteLine("Done: every post-processing step arrived, verified.");
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped before every webhook arrived.");
    return 130;
}
catch (AmigoException e)
{
    Console.Error.WriteLine($"Error: {e.Message}");
    return 1;
}

// A free port on 127.0.0.1, so the destination's URL is known before the app starts with the destination's secret.
static int FreeLoopbackPort()
{
    using var probe = new TcpListener(IPAddress.Loopback, 0);
    probe.Start();
    return ((IPEndPoint)probe.LocalEndpoint).Port;
}
