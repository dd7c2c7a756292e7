using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

/// <summary>Webhook destinations and deliveries: signed events after finish-conversation, retries on the emulator's
/// clock, secret rotation with dual signing, delivery faults, and the spec's shapes.</summary>
public sealed class WebhookTests
{
    private static AmigoEmulatorOptions FastRetries(TimeProvider? clock = null)
    {
        var options = new AmigoEmulatorOptions();
        if (clock is not null)
        {
            options.TimeProvider = clock;
        }

        options.Webhooks.RetryDelays.Clear();
        options.Webhooks.RetryDelays.Add(TimeSpan.Zero);
        return options;
    }

    private static async Task<string> FinishedConversationAsync(EmulatorSession session)
    {
        var id = await session.CreateConversationAsync();
        await session.InteractAsync(id, "Hello there");
        var (status, body) = await session.PostAsync($"conversation/{id}/finish/", null);
        Assert.That(status, Is.EqualTo(204), body.ToString());
        return id;
    }

    [Test]
    public async Task Finishing_a_conversation_delivers_one_signed_event_per_post_processing_step()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var session = await StartAsync();
        var created = session.Emulator.Webhooks.CreateDestination(receiver.Url, [EmulatorWebhookTypes.ConversationPostProcessingComplete]);

        var conversationId = await FinishedConversationAsync(session);

        var received = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };
        await session.Emulator.Webhooks.WhenIdleAsync();
        Assert.That(receiver.HasMore, Is.False);
        var steps = new List<string>();
        foreach (var webhook in received)
        {
            Assert.That(webhook.Method, Is.EqualTo("POST"));
            Assert.That(webhook.Path, Is.EqualTo("/hooks/amigo"));
            Assert.That(webhook.ContentType, Is.EqualTo("application/json"));
            Assert.That(webhook.Signature, Does.Match("^[0-9a-f]{64}$"));
            Assert.That(webhook.IsSignedWith(created.Secret), Is.True, "signature");
            Assert.That(webhook.Time, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            var body = (JObject)Parse(webhook.Text);
            Assert.That(body.Properties().Select(p => p.Name), Is.EqualTo(new[] { "type", "post_processing_type", "conversation_id", "org_id" }));
            Assert.That((string)body["type"]!, Is.EqualTo("conversation-post-processing-complete"));
            Assert.That((string)body["conversation_id"]!, Is.EqualTo(conversationId));
            Assert.That((string)body["org_id"]!, Is.EqualTo(session.Org));
            steps.Add((string)body["post_processing_type"]!);
        }

        Assert.That(steps, Is.EquivalentTo(new[] { "generate-user-models", "extract-memories", "compute-metrics" }));
        Assert.That(received.Select(r => r.IdempotencyKey).Distinct().Count(), Is.EqualTo(3), "one key per delivery");

        var deliveries = session.Emulator.Webhooks.GetDeliveries(created.WebhookDestinationId);
        Assert.That(deliveries, Has.Count.EqualTo(3));
        Assert.That(deliveries.Select(d => d.Status), Is.All.EqualTo("success"));
        Assert.That(deliveries.Select(d => d.DeliveryAttempts.Single().StatusCode), Is.All.EqualTo(200));
        Assert.That(deliveries.Select(d => d.IsFinished), Is.All.True);
        Assert.That(deliveries.Select(d => d.DualSigned), Is.All.False);
    }

    [Test]
    public async Task Destinations_that_do_not_accept_the_type_receive_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var session = await StartAsync();
        var other = session.Emulator.Webhooks.CreateDestination(receiver.Url, [EmulatorWebhookTypes.ApiKeyExpirationSoon]);
        var wanted = session.Emulator.Webhooks.CreateDestination(receiver.Url, [EmulatorWebhookTypes.ConversationPostProcessingComplete]);

        await FinishedConversationAsync(session);
        await session.Emulator.Webhooks.WhenIdleAsync();

        Assert.That(session.Emulator.Webhooks.GetDeliveries(other.WebhookDestinationId), Is.Empty);
        Assert.That(session.Emulator.Webhooks.GetDeliveries(wanted.WebhookDestinationId), Has.Count.EqualTo(3));
        Assert.That(receiver.Count, Is.EqualTo(3));
    }

    [Test]
    public async Task A_failed_attempt_is_retried_after_the_backoff_on_the_emulators_clock_with_the_same_key_and_a_fresh_signature()
    {
        var clock = new ManualTimeProvider();
        var options = new AmigoEmulatorOptions { TimeProvider = clock };
        options.Webhooks.PostProcessingTypes.Clear();
        options.Webhooks.PostProcessingTypes.Add("extract-memories");
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var session = await StartAsync(options);
        var created = session.Emulator.Webhooks.CreateDestination(receiver.Url, [EmulatorWebhookTypes.ConversationPostProcessingComplete]);
        await FinishedConversationAsync(session);

        var first = await receiver.NextAsync();
        Assert.That(await clock.NextTimerAsync(), Is.EqualTo(TimeSpan.FromSeconds(5)), "the first retry waits 5 s");
        Assert.That(receiver.HasMore, Is.False, "no retry before the clock moves");
        var pending = session.Emulator.Webhooks.GetDeliveries(created.WebhookDestinationId).Single();
        Assert.That(pending.Status, Is.EqualTo("failed"));
        Assert.That(pending.IsFinished, Is.False);
        Assert.That(pending.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 500 }));

        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await receiver.NextAsync();
        await session.Emulator.Webhooks.WhenIdleAsync();

        Assert.That(second.IdempotencyKey, Is.EqualTo(first.IdempotencyKey));
        Assert.That(second.Text, Is.EqualTo(first.Text));
        Assert.That(second.Time - first.Time, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(second.Signature, Is.Not.EqualTo(first.Signature));
        Assert.That(second.IsSignedWith(created.Secret), Is.True);
        var delivery = session.Emulator.Webhooks.GetDeliveries(created.WebhookDestinationId).Single();
        Assert.That(delivery.Status, Is.EqualTo("success"));
        Assert.That(delivery.IdempotencyKey, Is.EqualTo(first.IdempotencyKey));
        Assert.That(delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 500, 200 }));
        Assert.That(delivery.DeliveryAttempts[1].DeliveryTime - delivery.DeliveryAttempts[0].DeliveryTime, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Retries_follow_the_documented_schedule_and_stop_after_retry_attempts()
    {
        var clock = new ManualTimeProvider();
        var options = new AmigoEmulatorOptions { TimeProvider = clock };
        await using var receiver = await WebhookReceiver.StartAsync(503, 503, 503, 503, 503, 503);
        await using var session = await StartAsync(options);
        var created = session.Emulator.Webhooks.CreateDestination(receiver.Url, [], retryAttempts: 4);
        session.Emulator.Webhooks.Send(created.WebhookDestinationId, new JObject { ["type"] = "api-key-expiration-soon" });

        var waits = new List<TimeSpan>();
        await receiver.NextAsync();
        for (var retry = 0; retry < 4; retry++)
        {
            var wait = await clock.NextTimerAsync();
            waits.Add(wait);
            clock.Advance(wait);
            await receiver.NextAsync();
        }

        await session.Emulator.Webhooks.WhenIdleAsync();
        Assert.That(waits, Is.EqualTo(new[] { 5, 10, 20, 20 }.Select(s => TimeSpan.FromSeconds(s))));
        Assert.That(receiver.Count, Is.EqualTo(5), "1 attempt + 4 retries");
        var delivery = session.Emulator.Webhooks.GetDeliveries(created.WebhookDestinationId).Single();
        Assert.That(delivery.Status, Is.EqualTo("failed"));
        Assert.That(delivery.IsFinished, Is.True);
        Assert.That(delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.All.EqualTo(503));
    }

    [Test]
    public async Task An_unreachable_destination_records_status_zero_attempts()
    {
        var receiver = await WebhookReceiver.StartAsync();
        var closed = receiver.Url;
        await receiver.DisposeAsync();
        await using var session = await StartAsync(FastRetries());
        var created = session.Emulator.Webhooks.CreateDestination(closed, [], retryAttempts: 1);

        session.Emulator.Webhooks.Send(created.WebhookDestinationId, new JObject { ["type"] = "agent-framework-resource-updated" });
        await session.Emulator.Webhooks.WhenIdleAsync();

        var delivery = session.Emulator.Webhooks.GetDeliveries(created.WebhookDestinationId).Single();
        Assert.That(delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 0, 0 }));
        Assert.That(delivery.Status, Is.EqualTo("failed"));
    }

    [Test]
    public async Task Deleting_a_destination_stops_its_pending_retries()
    {
        var clock = new ManualTimeProvider();
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var session = await StartAsync(new AmigoEmulatorOptions { TimeProvider = clock });
        var created = session.Emulator.Webhooks.CreateDestination(receiver.Url, []);
        session.Emulator.Webhooks.Send(created.WebhookDestinationId, new JObject { ["type"] = "api-key-expiration-soon" });
        await receiver.NextAsync();
        await clock.NextTimerAsync();

        session.Emulator.Webhooks.DeleteDestination(created.WebhookDestinationId);
        clock.Advance(TimeSpan.FromSeconds(5));
        await session.Emulator.Webhooks.WhenIdleAsync();

        Assert.That(receiver.Count, Is.EqualTo(1));
        Assert.That(session.Emulator.Webhooks.ListDestinations(), Is.Empty);
        Assert.Throws<KeyNotFoundException>(() => session.Emulator.Webhooks.GetDeliveries(created.WebhookDestinationId));
    }

    [Test]
    public async Task Rotating_the_secret_dual_signs_until_the_overlap_ends_and_is_limited_to_once_an_hour()
    {
        var clock = new ManualTimeProvider();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var session = await StartAsync(new AmigoEmulatorOptions { TimeProvider = clock });
        var webhooks = session.Emulator.Webhooks;
        var created = webhooks.CreateDestination(receiver.Url, []);
        var id = created.WebhookDestinationId;

        var tooSoon = Assert.Throws<InvalidOperationException>(() => webhooks.RotateSecret(id));
        Assert.That(tooSoon!.Message, Is.EqualTo("The frequency of secret rotation is limited to once per hour."));

        clock.Advance(TimeSpan.FromHours(1));
        var rotated = webhooks.RotateSecret(id);
        Assert.That(rotated.Secret, Is.Not.EqualTo(created.Secret));
        Assert.That(rotated.DualSigningStopsAt, Is.EqualTo(clock.GetUtcNow() + TimeSpan.FromMinutes(30)));
        Assert.That(webhooks.ListDestinations().Single().SecretGeneratedAt, Is.EqualTo(clock.GetUtcNow()));

        webhooks.Send(id, new JObject { ["type"] = "api-key-expiration-soon" });
        var during = await receiver.NextAsync();
        Assert.That(during.Signatures, Has.Length.EqualTo(2));
        Assert.That(during.Signatures[0], Is.EqualTo(WebhookReceiver.Sign(rotated.Secret, during.Timestamp, during.Body)), "new secret first");
        Assert.That(during.Signatures[1], Is.EqualTo(WebhookReceiver.Sign(created.Secret, during.Timestamp, during.Body)), "then the old one");

        clock.Advance(TimeSpan.FromMinutes(30));
        webhooks.Send(id, new JObject { ["type"] = "api-key-expiration-soon" });
        var after = await receiver.NextAsync();
        await webhooks.WhenIdleAsync();
        Assert.That(after.Signatures, Is.EqualTo(new[] { WebhookReceiver.Sign(rotated.Secret, after.Timestamp, after.Body) }));
        Assert.That(webhooks.GetDeliveries(id).Select(d => d.DualSigned), Is.EqualTo(new[] { true, false }));
        Assert.Throws<InvalidOperationException>(() => webhooks.RotateSecret(id));
        Assert.That(created.ToString() + rotated, Does.Not.Contain(created.Secret).And.Not.Contain(rotated.Secret));
    }

    [Test]
    public async Task Delivery_faults_break_the_signature_age_or_body_or_lose_the_response()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var session = await StartAsync(FastRetries());
        var webhooks = session.Emulator.Webhooks;
        var created = webhooks.CreateDestination(receiver.Url, [], retryAttempts: 1);
        var content = new JObject { ["type"] = "api-key-expiration-soon", ["api_key_id"] = "k1" };

        var badSignature = session.Emulator.Faults.InjectDelivery(EmulatorFault.WebhookBadSignature());
        webhooks.Send(created.WebhookDestinationId, content);
        var forged = await receiver.NextAsync();
        Assert.That(forged.Signature, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(forged.IsSignedWith(created.Secret), Is.False);
        Assert.That(badSignature.Hits, Is.EqualTo(1));
        await webhooks.WhenIdleAsync();

        session.Emulator.Faults.InjectDelivery(EmulatorFault.WebhookStaleTimestamp());
        webhooks.Send(created.WebhookDestinationId, content);
        var stale = await receiver.NextAsync();
        Assert.That(stale.IsSignedWith(created.Secret), Is.True);
        Assert.That(DateTimeOffset.UtcNow - stale.Time, Is.EqualTo(TimeSpan.FromMinutes(10)).Within(TimeSpan.FromMinutes(1)));
        await webhooks.WhenIdleAsync();

        session.Emulator.Faults.InjectDelivery(EmulatorFault.WebhookTamperedBody());
        webhooks.Send(created.WebhookDestinationId, content);
        var tampered = await receiver.NextAsync();
        Assert.That(tampered.IsSignedWith(created.Secret), Is.False);
        Assert.That(tampered.Signature, Is.EqualTo(WebhookReceiver.Sign(created.Secret, tampered.Timestamp,
            System.Text.Encoding.UTF8.GetBytes(content.ToString(Newtonsoft.Json.Formatting.None)))), "signed before the change");
        await webhooks.WhenIdleAsync();

        var before = receiver.Count;
        session.Emulator.Faults.InjectDelivery(EmulatorFault.WebhookResponseLost());
        var lostId = webhooks.Send(created.WebhookDestinationId, content);
        var lost = await receiver.NextAsync();
        var retried = await receiver.NextAsync();
        await webhooks.WhenIdleAsync();
        Assert.That(retried.IdempotencyKey, Is.EqualTo(lost.IdempotencyKey));
        Assert.That(receiver.Count - before, Is.EqualTo(2));
        var delivery = webhooks.GetDeliveries(created.WebhookDestinationId).Single(d => d.Id == lostId);
        Assert.That(delivery.DeliveryAttempts.Select(a => a.StatusCode), Is.EqualTo(new[] { 0, 200 }));
        Assert.That(session.Emulator.Faults.DeliveryAttemptCount, Is.EqualTo(receiver.Count));
        Assert.Throws<ArgumentException>(() => session.Emulator.Faults.Inject(EmulatorFault.WebhookBadSignature()));
    }

    [Test]
    public async Task Destinations_are_listed_updated_and_validated_like_the_api()
    {
        await using var session = await StartAsync();
        var webhooks = session.Emulator.Webhooks;
        var url = new Uri("https://hooks.example.com/amigo");
        var first = webhooks.CreateDestination(url, [EmulatorWebhookTypes.ConversationPostProcessingComplete]);
        var second = webhooks.CreateDestination(url, EmulatorWebhookTypes.All, retryAttempts: 5);
        Assert.That(first.WebhookDestinationId, Does.Match("^[a-f0-9]{24}$"));
        Assert.That(first.Secret, Has.Length.GreaterThanOrEqualTo(32));

        var listed = webhooks.ListDestinations();
        Assert.That(listed.Select(d => d.Id), Is.EqualTo(new[] { first.WebhookDestinationId, second.WebhookDestinationId }));
        Assert.That(listed[0].RetryAttempts, Is.EqualTo(3), "the spec's default");
        Assert.That(listed[0].Url, Is.EqualTo(url));
        Assert.That(webhooks.ListDestinations([second.WebhookDestinationId]).Single().AcceptedTypes, Is.EqualTo(EmulatorWebhookTypes.All));

        webhooks.UpdateDestination(first.WebhookDestinationId, retryAttempts: 1);
        webhooks.UpdateDestination(first.WebhookDestinationId, acceptedTypes: [EmulatorWebhookTypes.ApiKeyExpirationSoon]);
        var updated = webhooks.ListDestinations([first.WebhookDestinationId]).Single();
        Assert.That((updated.RetryAttempts, updated.AcceptedTypes.Single()), Is.EqualTo((1, EmulatorWebhookTypes.ApiKeyExpirationSoon)));

        Assert.Throws<ArgumentException>(() => webhooks.CreateDestination(new Uri("ftp://example.com/"), []));
        Assert.Throws<ArgumentException>(() => webhooks.CreateDestination(new Uri("/relative", UriKind.Relative), []));
        Assert.Throws<ArgumentException>(() => webhooks.CreateDestination(url, ["conversation-finished"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => webhooks.CreateDestination(url, [], retryAttempts: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => webhooks.UpdateDestination(first.WebhookDestinationId, retryAttempts: 6));
        Assert.Throws<KeyNotFoundException>(() => webhooks.UpdateDestination("0123456789abcdef01234567", retryAttempts: 2));
        Assert.Throws<KeyNotFoundException>(() => webhooks.DeleteDestination("0123456789abcdef01234567"));
        Assert.Throws<KeyNotFoundException>(() => webhooks.RotateSecret("0123456789abcdef01234567"));
        for (var i = 2; i < 10; i++)
        {
            webhooks.CreateDestination(url, []);
        }

        var full = Assert.Throws<InvalidOperationException>(() => webhooks.CreateDestination(url, []));
        Assert.That(full!.Message, Is.EqualTo("The organization already has the maximum amount of webhook destinations defined."));
    }

    [Test]
    public async Task The_state_answers_with_the_spec_shapes()
    {
        var spec = SpecSchema.Load();
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var session = await StartAsync(FastRetries());
        var webhooks = session.Emulator.Webhooks;
        var created = webhooks.CreateDestination(receiver.Url, [EmulatorWebhookTypes.ConversationPostProcessingComplete]);
        await FinishedConversationAsync(session);
        await webhooks.WhenIdleAsync();
        var id = created.WebhookDestinationId;

        var problems = new List<string>();
        problems.AddRange(spec.Check("create-webhook-destination", 201, EmulatorWebhooks.CreatedJson(created)));
        problems.AddRange(spec.Check("rotate-webhook-destination-secret", 200,
            EmulatorWebhooks.RotatedJson(new EmulatorRotatedWebhookSecret("s", DateTimeOffset.UtcNow))));
        problems.AddRange(spec.Check("get_webhook_destinations", 200, webhooks.ListDestinationsJson([])));
        var firstPage = webhooks.GetDeliveriesJson(id, null, null, null, null, [], 0, 2)!;
        var lastPage = webhooks.GetDeliveriesJson(id, null, null, null, null, [], 2, 2)!;
        problems.AddRange(spec.Check("get-webhook-deliveries", 200, firstPage));
        problems.AddRange(spec.Check("get-webhook-deliveries", 200, lastPage));
        Assert.That(problems, Is.Empty, string.Join("\n", problems));

        Assert.That(((JArray)firstPage["webhook_deliveries"]!).Count, Is.EqualTo(2));
        Assert.That((bool)firstPage["has_more"]!, Is.True);
        Assert.That((int)firstPage["continuation_token"]!, Is.EqualTo(2));
        Assert.That(lastPage["continuation_token"]!.Type, Is.EqualTo(JTokenType.Null));
        var failed = webhooks.GetDeliveriesJson(id, "failed", null, null, null, [], 0, 50)!;
        Assert.That(((JArray)failed["webhook_deliveries"]!).Count, Is.Zero, "the 500 was retried and succeeded");
        var byStatusDescending = webhooks.GetDeliveriesJson(id, null, "conversation-post-processing-complete", null, null,
            [("created_at", true)], 0, 50)!;
        var times = byStatusDescending["webhook_deliveries"]!.Select(d => (string)d["created_at"]!).ToList();
        Assert.That(times, Is.EqualTo(times.OrderDescending(StringComparer.Ordinal)));
        Assert.That(webhooks.GetDeliveriesJson("0123456789abcdef01234567", null, null, null, null, [], 0, 50), Is.Null);
    }

    [TestCase(typeof(EmulatorWebhookDestination), "get_webhook_destinations", "WebhookDestination")]
    [TestCase(typeof(EmulatorWebhookDelivery), "get-webhook-deliveries", "WebhookDeliveryInstance", "WebhookDestinationId", "IdempotencyKey", "IsFinished")]
    [TestCase(typeof(EmulatorWebhookDeliveryAttempt), "get-webhook-deliveries", "DeliveryAttempt")]
    [TestCase(typeof(EmulatorWebhookSecret), "create-webhook-destination", "src__app__endpoints__webhook_destination__create_webhook_destination__Response")]
    [TestCase(typeof(EmulatorRotatedWebhookSecret), "rotate-webhook-destination-secret", "src__app__endpoints__webhook_destination__rotate_webhook_destination_secret__Response")]
    public void The_public_records_have_the_spec_schemas_fields(Type record, string operation, string schema, params string[] extras)
    {
        var fields = record.GetProperties().Where(p => p.DeclaringType == record && p.Name != "EqualityContract")
            .Select(p => p.Name).Except(extras)
            .Select(name => Regex.Replace(name, "(?<=[a-z])([A-Z])", "_$1").ToLowerInvariant());
        Assert.That(fields, Is.EquivalentTo(SpecSchema.Load().Properties(operation, schema)));
    }
}
