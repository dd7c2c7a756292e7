using System.Net;
using System.Text;
using Amigo.AspNetCore.Webhooks;
using Amigo.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.AspNetCore.Tests;

public sealed class MapAmigoWebhooksTests
{
    [Test]
    public async Task A_verified_delivery_reaches_the_handler_typed_and_a_retry_of_it_does_not()
    {
        var handled = new List<AmigoWebhookEvent>();
        await using var app = await WebhookApp.StartAsync((e, _) =>
        {
            lock (handled)
            {
                handled.Add(e);
            }

            return Task.CompletedTask;
        });

        Assert.That(await app.PostAsync(key: "k1"), Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await app.PostAsync(key: "k1", at: DateTimeOffset.UtcNow.AddSeconds(5)), Is.EqualTo(HttpStatusCode.NoContent), "a retry");
        Assert.That(await app.PostAsync(key: "k2"), Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(handled.Select(e => e.IdempotencyKey), Is.EqualTo(new[] { "k1", "k2" }));
        var done = (ConversationPostProcessingCompleteEvent)handled[0];
        Assert.That((done.ConversationId, done.OrganizationId), Is.EqualTo(("6650a1b2c3d4e5f6a7b8c9d2", "acme")));
        Assert.That(done.PostProcessingType, Is.EqualTo(PostProcessingType.ComputeMetrics));
    }

    [Test]
    public async Task A_handler_failure_answers_500_and_leaves_the_key_open_so_the_retry_is_handled()
    {
        var calls = 0;
        await using var app = await WebhookApp.StartAsync((_, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("database down") : Task.CompletedTask);

        Assert.That(await app.PostAsync(), Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await app.PostAsync(), Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await app.PostAsync(), Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_duplicate_arriving_while_the_first_is_handled_gets_409_and_later_204_without_a_second_handling()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        await using var app = await WebhookApp.StartAsync(async (_, _) =>
        {
            Interlocked.Increment(ref calls);
            entered.TrySetResult();
            await release.Task;
        });

        var first = app.PostAsync();
        await entered.Task.WaitAsync(WebhookApp.Guard);
        var concurrent = await app.PostAsync();
        release.SetResult();

        Assert.That(concurrent, Is.EqualTo(HttpStatusCode.Conflict), "Amigo retries a non-2xx later");
        Assert.That(await first, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await app.PostAsync(), Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Tampered_wrongly_signed_stale_or_unsigned_deliveries_get_401_and_never_reach_the_handler()
    {
        var calls = new CallCounter();
        await using var app = await WebhookApp.StartAsync(calls.HandleAsync);

        var tampered = Encoding.UTF8.GetBytes(WebhookApp.Body("0000000000000000000000ff"));
        Assert.That(await app.PostAsync(key: "a", sentBody: tampered), Is.EqualTo(HttpStatusCode.Unauthorized), "tampered body");
        Assert.That(await app.PostAsync(key: "b", secret: "not-the-secret"), Is.EqualTo(HttpStatusCode.Unauthorized), "wrong secret");
        Assert.That(await app.PostAsync(key: "c", at: DateTimeOffset.UtcNow.AddMinutes(-6)), Is.EqualTo(HttpStatusCode.Unauthorized), "stale");
        Assert.That(await app.PostAsync(key: "d", at: DateTimeOffset.UtcNow.AddMinutes(6)), Is.EqualTo(HttpStatusCode.Unauthorized), "future");
        Assert.That(await app.PostAsync(key: "e", change: r => r.Headers.Remove(AmigoWebhookHeaders.SignatureHeader)),
            Is.EqualTo(HttpStatusCode.Unauthorized), "no signature");
        Assert.That(await app.PostAsync(key: "f", change: r => r.Headers.Remove(AmigoWebhookHeaders.IdempotencyKeyHeader)),
            Is.EqualTo(HttpStatusCode.Unauthorized), "no idempotency key");
        Assert.That(await app.PostAsync(body: "[]", key: "g"), Is.EqualTo(HttpStatusCode.BadRequest), "signed, but not an object");

        Assert.That(calls.Count, Is.Zero);
        Assert.That(await app.PostAsync(key: "a"), Is.EqualTo(HttpStatusCode.NoContent), "rejections don't claim keys");
        Assert.That(calls.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task A_body_over_the_cap_gets_413_with_or_without_a_content_length()
    {
        var calls = new CallCounter();
        await using var app = await WebhookApp.StartAsync(calls.HandleAsync, options => options.MaxBodySize = 200);
        var fits = $$"""{"type":"api-key-expiration-soon","pad":"{{new string('x', 200 - 43)}}"}""";
        var tooBig = fits.Replace("\"pad\":\"", "\"pad\":\"x");
        Assert.That(Encoding.UTF8.GetByteCount(fits), Is.EqualTo(200));

        Assert.That(await app.PostAsync(body: tooBig, key: "big"), Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        var chunked = await app.PostAsync(body: tooBig, key: "chunked", change: r =>
            r.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(tooBig))) { Headers = { ContentType = new("application/json") } });
        Assert.That(chunked, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(calls.Count, Is.Zero);

        Assert.That(await app.PostAsync(body: fits, key: "fits"), Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(calls.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Only_POST_is_mapped()
    {
        await using var app = await WebhookApp.StartAsync((_, _) => Task.CompletedTask);

        using var response = await app.Http.GetAsync(WebhookApp.Path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task A_handler_type_is_resolved_from_the_requests_services_and_a_custom_store_is_used()
    {
        var store = new RecordingStore();
        await using var app = await WebhookApp.StartAsync(
            web => web.MapAmigoWebhooks<RecordingHandler>(WebhookApp.Path, options =>
            {
                options.Secrets.Add(WebhookApp.Secret);
                options.DeduplicationStore = store;
                options.DeduplicationRetention = TimeSpan.FromHours(2);
            }),
            services => services.AddSingleton<List<string>>().AddScoped<RecordingHandler>());

        Assert.That(await app.PostAsync(key: "k"), Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(store.Calls, Is.EqualTo(new[] { "claim k 00:05:00", "handled k 02:00:00" }));
    }

    [Test]
    public async Task Mapping_without_a_secret_fails_at_startup()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        await using var app = builder.Build();

        Assert.Throws<ArgumentException>(() => app.MapAmigoWebhooks(WebhookApp.Path, (_, _) => Task.CompletedTask, _ => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => app.MapAmigoWebhooks(WebhookApp.Path, (_, _) => Task.CompletedTask, o =>
        {
            o.Secrets.Add("s");
            o.MaxBodySize = 0;
        }));
    }

    private sealed class CallCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task HandleAsync(AmigoWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingHandler(List<string> seen) : IAmigoWebhookHandler
    {
        public Task HandleAsync(AmigoWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            seen.Add(webhookEvent.IdempotencyKey);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingStore : IAmigoWebhookDeduplicationStore
    {
        public List<string> Calls { get; } = [];

        public ValueTask<AmigoWebhookClaim> TryClaimAsync(string idempotencyKey, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            Calls.Add($"claim {idempotencyKey} {lease}");
            return ValueTask.FromResult(AmigoWebhookClaim.Claimed);
        }

        public ValueTask MarkHandledAsync(string idempotencyKey, TimeSpan retention, CancellationToken cancellationToken = default)
        {
            Calls.Add($"handled {idempotencyKey} {retention}");
            return ValueTask.CompletedTask;
        }

        public ValueTask ReleaseAsync(string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Calls.Add($"release {idempotencyKey}");
            return ValueTask.CompletedTask;
        }
    }
}
