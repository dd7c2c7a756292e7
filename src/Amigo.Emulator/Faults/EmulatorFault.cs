namespace Amigo.Emulator;

/// <summary>
/// A failure the emulator can inject into a call. Create one with the static factories and register it with
/// <see cref="FaultInjector.Inject"/>. Stream-only faults (error events, malformed lines) only apply to the two
/// NDJSON operations; the others apply to every operation. Webhook faults (<c>Webhook*</c>) apply to the emulator's
/// outgoing webhook deliveries instead and are registered with <see cref="FaultInjector.InjectDelivery"/>.
/// </summary>
public abstract class EmulatorFault
{
    private protected EmulatorFault()
    {
    }

    /// <summary>Whether this fault can apply to an operation that does (or does not) answer with a stream.</summary>
    internal abstract bool AppliesTo(bool streaming);

    /// <summary>Answers with <paramref name="statusCode"/> and <c>{"detail": ...}</c> instead of running the operation.</summary>
    /// <param name="statusCode">Any HTTP status code, for example 429, 500 or 503.</param>
    /// <param name="retryAfter">When set, sent as a <c>Retry-After</c> header in whole seconds (rounded up).</param>
    /// <param name="detail">The error detail; a standard one for the status when null.</param>
    public static StatusFault Status(int statusCode, TimeSpan? retryAfter = null, string? detail = null) =>
        new(statusCode, retryAfter, detail, null);

    /// <summary>Answers 429 with <c>Retry-After</c> and exhausted <c>X-RateLimit-*</c> headers.</summary>
    /// <param name="retryAfter">The wait the client is asked to observe.</param>
    /// <param name="limit">The advertised request limit per window.</param>
    public static StatusFault RateLimited(TimeSpan retryAfter, int limit = 5) =>
        new(429, retryAfter, null, new RateLimitHeadersFault(limit, 0, retryAfter));

    /// <summary>Runs the operation normally but adds <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and
    /// <c>X-RateLimit-Reset</c> (seconds until the window resets) to the response.</summary>
    /// <param name="limit">The advertised request limit per window.</param>
    /// <param name="remaining">The advertised number of requests left in the window.</param>
    /// <param name="reset">Time until the window resets.</param>
    public static RateLimitHeadersFault RateLimitHeaders(int limit, int remaining, TimeSpan reset) =>
        new(limit, remaining, reset);

    /// <summary>Sends an <c>ErrorEvent</c> (<c>"type": "error"</c>) in the stream and then closes it.</summary>
    /// <param name="afterInteractionComplete">False: sent before <c>interaction-complete</c> (the interaction is void
    /// and is not stored). True: sent after it (the interaction was stored; post-processing failed).</param>
    /// <param name="httpErrorCode">The event's <c>http_error_code</c>.</param>
    /// <param name="description">The event's <c>error_description</c>.</param>
    public static ErrorEventFault ErrorEvent(bool afterInteractionComplete = false, int httpErrorCode = 500,
        string description = "The agent failed to generate a response.") =>
        new(afterInteractionComplete, httpErrorCode, description);

    /// <summary>Writes a line that is not valid JSON after <paramref name="afterEvents"/> events, then carries on.</summary>
    /// <param name="afterEvents">How many well-formed events precede the malformed line.</param>
    /// <param name="line">The malformed text (without the newline).</param>
    public static MalformedLineFault MalformedLine(int afterEvents = 1, string line = "{\"type\": \"new-message\", \"mess") =>
        new(afterEvents, line);

    /// <summary>Aborts the TCP connection. With <paramref name="afterEvents"/> null the connection is dropped before
    /// any response; otherwise after that many stream events have been flushed.</summary>
    /// <param name="afterEvents">Events to send first (streams only), or null to drop before the response.</param>
    public static DropConnectionFault DropConnection(int? afterEvents = null) => new(afterEvents);

    /// <summary>Stops responding until <see cref="StallFault.Release"/> is called, the client goes away, or the
    /// emulator is disposed. With <paramref name="afterEvents"/> null the stall happens before the response starts.</summary>
    /// <param name="afterEvents">Events to send first (streams only), or null to stall before the response.</param>
    public static StallFault Stall(int? afterEvents = null) => new(afterEvents);

    /// <summary>Writes the response body a few bytes at a time with a pause between writes.</summary>
    /// <param name="bytesPerWrite">Bytes per write (at least 1).</param>
    /// <param name="delay">Pause between writes; 10 ms when null.</param>
    public static SlowDripFault SlowDrip(int bytesPerWrite = 1, TimeSpan? delay = null) =>
        new(Math.Max(1, bytesPerWrite), delay ?? TimeSpan.FromMilliseconds(10));

    /// <summary>Signs a webhook delivery attempt with a random secret (a receiver must answer 401).</summary>
    public static WebhookDeliveryFault WebhookBadSignature() => new(WebhookDeliveryFaultKind.BadSignature, TimeSpan.Zero);

    /// <summary>Sends a webhook delivery attempt with a correctly signed timestamp <paramref name="age"/> in the past
    /// (ten minutes when null, twice the five minutes receivers accept).</summary>
    /// <param name="age">How old the timestamp is.</param>
    public static WebhookDeliveryFault WebhookStaleTimestamp(TimeSpan? age = null) =>
        new(WebhookDeliveryFaultKind.StaleTimestamp, age ?? TimeSpan.FromMinutes(10));

    /// <summary>Changes a webhook delivery attempt's body after signing it.</summary>
    public static WebhookDeliveryFault WebhookTamperedBody() => new(WebhookDeliveryFaultKind.TamperedBody, TimeSpan.Zero);

    /// <summary>Ignores the response to a webhook delivery attempt, as if it were lost, so the delivery is retried.</summary>
    public static WebhookDeliveryFault WebhookResponseLost() => new(WebhookDeliveryFaultKind.ResponseLost, TimeSpan.Zero);
}

/// <summary>Answers with a fixed status code. See <see cref="EmulatorFault.Status"/>.</summary>
public sealed class StatusFault : EmulatorFault
{
    internal StatusFault(int statusCode, TimeSpan? retryAfter, string? detail, RateLimitHeadersFault? rateLimit)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Detail = detail;
        RateLimit = rateLimit;
    }

    /// <summary>The HTTP status code sent.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> value, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>detail</c> sent, or null for the standard one.</summary>
    public string? Detail { get; }

    /// <summary>Rate-limit headers sent with the status, if any.</summary>
    public RateLimitHeadersFault? RateLimit { get; }

    internal override bool AppliesTo(bool streaming) => true;
}

/// <summary>Adds rate-limit headers to an otherwise normal response. See <see cref="EmulatorFault.RateLimitHeaders"/>.</summary>
public sealed class RateLimitHeadersFault : EmulatorFault
{
    internal RateLimitHeadersFault(int limit, int remaining, TimeSpan reset)
    {
        Limit = limit;
        Remaining = remaining;
        Reset = reset;
    }

    /// <summary>The <c>X-RateLimit-Limit</c> value.</summary>
    public int Limit { get; }

    /// <summary>The <c>X-RateLimit-Remaining</c> value.</summary>
    public int Remaining { get; }

    /// <summary>The <c>X-RateLimit-Reset</c> value (sent in whole seconds, rounded up).</summary>
    public TimeSpan Reset { get; }

    internal override bool AppliesTo(bool streaming) => true;
}

/// <summary>An <c>ErrorEvent</c> in the stream. See <see cref="EmulatorFault.ErrorEvent"/>.</summary>
public sealed class ErrorEventFault : EmulatorFault
{
    internal ErrorEventFault(bool afterInteractionComplete, int httpErrorCode, string description)
    {
        AfterInteractionComplete = afterInteractionComplete;
        HttpErrorCode = httpErrorCode;
        Description = description;
    }

    /// <summary>Whether the event follows <c>interaction-complete</c>.</summary>
    public bool AfterInteractionComplete { get; }

    /// <summary>The event's <c>http_error_code</c>.</summary>
    public int HttpErrorCode { get; }

    /// <summary>The event's <c>error_description</c>.</summary>
    public string Description { get; }

    internal override bool AppliesTo(bool streaming) => streaming;
}

/// <summary>A line that is not JSON in the stream. See <see cref="EmulatorFault.MalformedLine"/>.</summary>
public sealed class MalformedLineFault : EmulatorFault
{
    internal MalformedLineFault(int afterEvents, string line)
    {
        AfterEvents = afterEvents;
        Line = line;
    }

    /// <summary>How many events precede the malformed line.</summary>
    public int AfterEvents { get; }

    /// <summary>The malformed text.</summary>
    public string Line { get; }

    internal override bool AppliesTo(bool streaming) => streaming;
}

/// <summary>An aborted connection. See <see cref="EmulatorFault.DropConnection"/>.</summary>
public sealed class DropConnectionFault : EmulatorFault
{
    internal DropConnectionFault(int? afterEvents) => AfterEvents = afterEvents;

    /// <summary>Events sent before the drop, or null to drop before any response.</summary>
    public int? AfterEvents { get; }

    internal override bool AppliesTo(bool streaming) => streaming || AfterEvents is null;
}

/// <summary>Paced, tiny writes of the response body. See <see cref="EmulatorFault.SlowDrip"/>.</summary>
public sealed class SlowDripFault : EmulatorFault
{
    internal SlowDripFault(int bytesPerWrite, TimeSpan delay)
    {
        BytesPerWrite = bytesPerWrite;
        Delay = delay;
    }

    /// <summary>Bytes per write.</summary>
    public int BytesPerWrite { get; }

    /// <summary>Pause between writes.</summary>
    public TimeSpan Delay { get; }

    internal override bool AppliesTo(bool streaming) => true;
}
