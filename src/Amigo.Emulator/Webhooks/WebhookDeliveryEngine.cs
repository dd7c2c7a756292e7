using System.Globalization;
using System.Net.Http.Headers;
using Amigo.Emulator.Http;
using Amigo.Emulator.State;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Webhooks;

/// <summary>
/// Sends deliveries: one background loop per delivery that POSTs the signed body, records each attempt, and retries a
/// non-2xx (or no) response after the configured delays on the emulator's clock, with the same idempotency key and a
/// fresh timestamp and signature each time, until an attempt succeeds, the attempts run out, or the destination is
/// deleted. Each attempt is signed with the destination's current secret and, during dual signing, the previous one.
/// </summary>
internal sealed class WebhookDeliveryEngine(EmulatorStore store, AmigoEmulatorOptions options, FaultInjector faults) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly CancellationTokenSource _stopping = new();
    private readonly ActivityCounter _deliveries = new();

    public int Active => _deliveries.Count;

    public Task Idle => _deliveries.Idle;

    /// <summary>Starts delivering (call after adding the delivery to the store).</summary>
    public void Start(WebhookDeliveryRecord delivery)
    {
        _deliveries.Started();
        _ = Task.Run(() => RunAsync(delivery));
    }

    private async Task RunAsync(WebhookDeliveryRecord delivery)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (!TryPrepare(delivery, out var url, out var secrets, out var retryAttempts))
                {
                    return;
                }

                var fault = faults.NextForDelivery();
                var sentAt = store.Now;
                var statusCode = await AttemptAsync(delivery, url, secrets, sentAt, fault).ConfigureAwait(false);
                var succeeded = statusCode is >= 200 and < 300;
                lock (store.Gate)
                {
                    delivery.Attempts.Add((sentAt, statusCode));
                    delivery.DualSigned |= secrets.Count > 1 && fault?.Kind != WebhookDeliveryFaultKind.BadSignature;
                    if (succeeded)
                    {
                        delivery.Status = WebhookDeliveryRecord.Succeeded;
                    }
                }

                if (succeeded || attempt > retryAttempts)
                {
                    return;
                }

                await Task.Delay(RetryDelay(attempt), options.TimeProvider, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            lock (store.Gate)
            {
                delivery.Finished = true;
            }

            _deliveries.Ended();
        }
    }

    /// <summary>Reads what the next attempt needs; false when the destination is gone.</summary>
    private bool TryPrepare(WebhookDeliveryRecord delivery, out Uri url, out List<string> secrets, out int retryAttempts)
    {
        lock (store.Gate)
        {
            if (!store.WebhookDestinations.TryGetValue(delivery.DestinationId, out var destination))
            {
                (url, secrets, retryAttempts) = (null!, null!, 0);
                return false;
            }

            url = destination.Url;
            retryAttempts = destination.RetryAttempts;
            secrets = [destination.Secret];
            if (destination.PreviousSecret is { } previous && store.Now < destination.DualSigningStopsAt)
            {
                secrets.Add(previous);
            }

            return true;
        }
    }

    /// <summary>Makes one attempt; the receiver's status code, or 0 when no response counts.</summary>
    private async Task<int> AttemptAsync(WebhookDeliveryRecord delivery, Uri url, List<string> secrets, DateTimeOffset sentAt,
        WebhookDeliveryFault? fault)
    {
        var timestamp = (fault?.Kind == WebhookDeliveryFaultKind.StaleTimestamp ? sentAt - fault.Age : sentAt)
            .ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        if (fault?.Kind == WebhookDeliveryFaultKind.BadSignature)
        {
            secrets = [WebhookSigner.NewSecret()];
        }

        var signature = string.Join(',', secrets.Select(secret => WebhookSigner.Sign(secret, timestamp, delivery.Body)));
        var body = fault?.Kind == WebhookDeliveryFaultKind.TamperedBody ? Tamper(delivery.Content) : delivery.Body;

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-amigo-idempotent-key", delivery.IdempotencyKey);
        request.Headers.TryAddWithoutValidation("x-amigo-request-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("x-amigo-request-signature", signature);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Amigo-Emulator", "1.0"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(options.Webhooks.AttemptTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return fault?.Kind == WebhookDeliveryFaultKind.ResponseLost ? 0 : (int)response.StatusCode;
        }
        catch (Exception) when (!_stopping.IsCancellationRequested)
        {
            // Refused, reset, timed out: like Amigo, the emulator sees no response and retries.
            return 0;
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var delays = options.Webhooks.RetryDelays;
        return delays.Count == 0 ? TimeSpan.Zero : delays[Math.Min(attempt, delays.Count) - 1];
    }

    private static byte[] Tamper(JObject content)
    {
        var changed = (JObject)content.DeepClone();
        changed["tampered_by"] = "emulator fault";
        return System.Text.Encoding.UTF8.GetBytes(changed.ToString(Formatting.None));
    }

    /// <summary>Cancels every pending attempt and wait, waits (up to 5 s) for the loops to end, and releases the HttpClient.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Idle, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _http.Dispose();
        _stopping.Dispose();
    }
}
