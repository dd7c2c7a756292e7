using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Amigo.Emulator;
using Amigo.Generated;
using Amigo.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.EndToEnd.Tests;

/// <summary>The emulator delivers webhooks over real sockets to a Kestrel app that uses MapAmigoWebhooks.</summary>
public sealed class WebhookDeliveryTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>An emulator that retries at once and announces one post-processing step, a receiver app, and a
    /// destination pointing at it.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private Setup(EmulatorSession session, WebApplication app, EmulatorWebhookSecret destination)
        {
            Session = session;
            App = app;
            Destination = destination;
        }

        public EmulatorSession Session { get; }

        public WebApplication App { get; }

        public EmulatorWebhookSecret Destination { get; }

        public EmulatorWebhooks Webhooks => Session.Emulator.Webhooks;

        public List<AmigoWebhookEvent> Handled { get; } = [];

        public int Calls;

        public static async Task<Setup> StartAsync(Func<int, Task>? onCall = null, string? receiverSecret = null, int retryAttempts = 3)
        {
            var options = new AmigoEmulatorOptions();
            options.Webhooks.RetryDelays.Clear();
            options.Webhooks.RetryDelays.Add(TimeSpan.Zero);
            options.Webhooks.PostProcessingTypes.Clear();
            options.Webhooks.PostProcessingTypes.Add("extract-memories");
            var session = await EmulatorSession.StartAsync(options);

            var url = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/amigo/webhooks");
            var destination = session.Emulator.Webhooks.CreateDestination(url, [EmulatorWebhookTypes.ConversationPostProcessingComplete], retryAttempts);
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, url.Port));
            builder.Services.AddRoutingCore();
            var app = builder.Build();
            var setup = new Setup(session, app, destination);
            app.MapAmigoWebhooks(url.AbsolutePath, async (webhookEvent, _) =>
            {
                var call = Interlocked.Increment(ref setup.Calls);
                if (onCall is not null)
                {
                    await onCall(call);
                }

                lock (setup.Handled)
                {
                    setup.Handled.Add(webhookEvent);
                }
            }, o => o.Secrets.Add(receiverSecret ?? destination.Secret));
            await app.StartAsync();
            return setup;
        }

        /// <summary>Creates, talks in and finishes a conversation through the SDK; returns its id.</summary>
        public async Task<string> FinishConversationAsync()
        {
            var client = Session.Client;
            var created = await client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync();
            await client.Conversations.InteractAsync(created.ConversationId!, InteractionInput.Text("Bye")).CollectAsync();
            await client.Conversations.FinishConversationAsync(created.ConversationId!);
            using var guard = new CancellationTokenSource(Guard);
            await Webhooks.WhenIdleAsync(guard.Token);
            return created.ConversationId!;
        }

        public EmulatorWebhookDelivery Delivery => Webhooks.GetDeliveries(Destination.WebhookDestinationId).Single();

        public async ValueTask DisposeAsync()
        {
            await Session.DisposeAsync();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    [Test]
    public async Task The_event_is_handled_once_when_the_first_attempt_fails_and_the_emulator_retries()
    {
        await using var setup = await Setup.StartAsync(onCall: call => call == 1 ? throw new InvalidOperationException("first attempt fails") : Task.CompletedTask);

        var conversationId = await setup.FinishConversationAsync();

        var handled = (ConversationPostProcessingCompleteEvent)setup.Handled.Single();
        Assert.That((handled.ConversationId, handled.PostProcessingType), Is.EqualTo((conversationId, PostProcessingType.ExtractMemories)));
        Assert.That(handled.OrganizationId, Is.EqualTo(setup.Session.Emulator.OrganizationId));
        Assert.That(setup.Calls, Is.EqualTo(2));
        Assert.That(setup.Delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 500, 204 }));
        Assert.That(setup.Delivery.Status, Is.EqualTo("success"));
        Assert.That(handled.IdempotencyKey, Is.EqualTo(setup.Delivery.IdempotencyKey));
    }

    [Test]
    public async Task The_event_is_handled_once_when_the_first_response_is_lost_and_the_retry_is_deduplicated()
    {
        await using var setup = await Setup.StartAsync();
        setup.Session.Emulator.Faults.InjectDelivery(EmulatorFault.WebhookResponseLost());

        await setup.FinishConversationAsync();

        Assert.That(setup.Handled, Has.Count.EqualTo(1));
        Assert.That(setup.Calls, Is.EqualTo(1), "the retry never reached the handler");
        Assert.That(setup.Delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 0, 204 }));
    }

    [TestCase(WebhookDeliveryFaultKind.TamperedBody)]
    [TestCase(WebhookDeliveryFaultKind.BadSignature)]
    [TestCase(WebhookDeliveryFaultKind.StaleTimestamp)]
    public async Task A_forged_delivery_gets_401_on_every_attempt_and_never_reaches_the_handler(WebhookDeliveryFaultKind kind)
    {
        await using var setup = await Setup.StartAsync(retryAttempts: 2);
        var fault = kind switch
        {
            WebhookDeliveryFaultKind.TamperedBody => EmulatorFault.WebhookTamperedBody(),
            WebhookDeliveryFaultKind.BadSignature => EmulatorFault.WebhookBadSignature(),
            _ => EmulatorFault.WebhookStaleTimestamp(),
        };
        var rule = setup.Session.Emulator.Faults.InjectDelivery(fault, times: int.MaxValue);

        await setup.FinishConversationAsync();

        Assert.That(rule.Hits, Is.EqualTo(3));
        Assert.That(setup.Delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 401, 401, 401 }));
        Assert.That(setup.Delivery.Status, Is.EqualTo("failed"));
        Assert.That(setup.Calls, Is.Zero);
    }

    [Test]
    public async Task A_receiver_with_the_wrong_secret_answers_401_and_never_calls_the_handler()
    {
        await using var setup = await Setup.StartAsync(receiverSecret: "not-the-destination-secret", retryAttempts: 1);

        await setup.FinishConversationAsync();

        Assert.That(setup.Delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 401, 401 }));
        Assert.That(setup.Calls, Is.Zero);
    }

    [Test]
    [NonParallelizable]
    public async Task The_webhooks_sample_receives_every_verified_event_and_exits_cleanly()
    {
        var entryPoint = Assembly.Load("Amigo.Webhooks").EntryPoint!;
        var output = new StringWriter();
        var errors = new StringWriter();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        int exitCode;
        try
        {
            exitCode = await Task.Run(() => (int)entryPoint.Invoke(null, [Array.Empty<string>()])!);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.That(exitCode, Is.Zero, errors.ToString() + output);
        var text = output.ToString();
        foreach (var step in new[] { "generate-user-models", "extract-memories", "compute-metrics" })
        {
            Assert.That(text, Does.Contain($"webhook › {step} finished for conversation"));
        }

        Assert.That(text.TrimEnd(), Does.EndWith("Done: every post-processing step arrived, verified."));
        Assert.That(errors.ToString(), Is.Empty);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
