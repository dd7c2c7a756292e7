using Amigo.Tests.Support;
using Amigo.Webhooks;

namespace Amigo.Tests.Webhooks;

public sealed class InMemoryAmigoWebhookDeduplicationStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    [Test]
    public async Task A_key_is_claimed_once_then_in_progress_then_handled()
    {
        var store = new InMemoryAmigoWebhookDeduplicationStore(new TestClock());

        Assert.That(await store.TryClaimAsync("k", Lease), Is.EqualTo(AmigoWebhookClaim.Claimed));
        Assert.That(await store.TryClaimAsync("k", Lease), Is.EqualTo(AmigoWebhookClaim.InProgress));
        await store.MarkHandledAsync("k", Retention);
        Assert.That(await store.TryClaimAsync("k", Lease), Is.EqualTo(AmigoWebhookClaim.AlreadyHandled));
        Assert.That(await store.TryClaimAsync("other", Lease), Is.EqualTo(AmigoWebhookClaim.Claimed));
    }

    [Test]
    public async Task A_released_claim_can_be_claimed_again_but_a_handled_key_is_not_released()
    {
        var store = new InMemoryAmigoWebhookDeduplicationStore(new TestClock());
        await store.TryClaimAsync("failed", Lease);
        await store.ReleaseAsync("failed");
        await store.TryClaimAsync("done", Lease);
        await store.MarkHandledAsync("done", Retention);
        await store.ReleaseAsync("done");

        Assert.That(await store.TryClaimAsync("failed", Lease), Is.EqualTo(AmigoWebhookClaim.Claimed));
        Assert.That(await store.TryClaimAsync("done", Lease), Is.EqualTo(AmigoWebhookClaim.AlreadyHandled));
    }

    [Test]
    public async Task Claims_and_marks_expire_on_the_clock_and_are_swept()
    {
        var clock = new TestClock();
        var store = new InMemoryAmigoWebhookDeduplicationStore(clock);
        await store.TryClaimAsync("abandoned", Lease);
        await store.TryClaimAsync("handled", Lease);
        await store.MarkHandledAsync("handled", Retention);

        clock.Advance(Lease);
        Assert.That(await store.TryClaimAsync("abandoned", Lease), Is.EqualTo(AmigoWebhookClaim.Claimed), "the crashed claim's lease ran out");
        Assert.That(await store.TryClaimAsync("handled", Lease), Is.EqualTo(AmigoWebhookClaim.AlreadyHandled));
        clock.Advance(Retention);
        Assert.That(await store.TryClaimAsync("handled", Lease), Is.EqualTo(AmigoWebhookClaim.Claimed));

        clock.Advance(Retention);
        for (var i = 0; i < 300; i++)
        {
            await store.TryClaimAsync($"new-{i}", Lease);
        }

        Assert.That(store.Count, Is.LessThanOrEqualTo(300), "expired keys were swept");
    }

    [Test]
    public async Task Concurrent_claims_of_one_key_let_exactly_one_through()
    {
        var store = new InMemoryAmigoWebhookDeduplicationStore();
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await store.TryClaimAsync("same", Lease);
        })).ToList();

        start.Set();
        var outcomes = await Task.WhenAll(claims);

        Assert.That(outcomes.Count(o => o == AmigoWebhookClaim.Claimed), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == AmigoWebhookClaim.InProgress), Is.EqualTo(15));
    }
}
