using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Amigo;

/// <summary>The SDK's activity source, meter and instruments, and the names of their tags (docs/telemetry.md).</summary>
internal static class AmigoInstrumentation
{
    public const string OperationIdTag = "amigo.operation.id";
    public const string ErrorTypeTag = "error.type";
    public const string MethodTag = "http.request.method";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ServerAddressTag = "server.address";
    public const string ServerPortTag = "server.port";
    public const string RetryCountTag = "amigo.retry.count";
    public const string EventsReceivedTag = "amigo.stream.events_received";
    public const string TimeToFirstEventTag = "amigo.stream.time_to_first_event";
    public const string StreamOutcomeTag = "amigo.stream.outcome";
    public const string ErrorPhaseTag = "amigo.stream.error_phase";
    public const string ThrottleSourceTag = "amigo.throttle.source";

    private static readonly string? Version =
        typeof(AmigoInstrumentation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    public static readonly ActivitySource Source = new(AmigoTelemetry.ActivitySourceName, Version);

    public static readonly Meter Meter = new(AmigoTelemetry.MeterName, Version);

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "amigo.client.operation.duration", "s", "Duration of an Amigo operation call, every retry included; a streamed turn lasts until its stream ends.");

    public static readonly Histogram<double> TimeToFirstEvent = Meter.CreateHistogram<double>(
        "amigo.client.stream.time_to_first_event", "s", "Time from the start of a stream (the request) to its first event.");

    public static readonly Counter<long> EventsReceived = Meter.CreateCounter<long>(
        "amigo.client.stream.events", "{event}", "Events received on streams.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "amigo.client.retries", "{retry}", "Attempts sent again after a retryable failure.");

    public static readonly Histogram<double> ThrottlingWait = Meter.CreateHistogram<double>(
        "amigo.client.throttling.wait.duration", "s", "Time a request waited because of rate limiting: for a client-side permit, or for the server's Retry-After.");

    /// <summary>Whether anything listens to an operation: an activity listener or one of the operation metrics.</summary>
    public static bool OperationObserved =>
        Source.HasListeners() || OperationDuration.Enabled || TimeToFirstEvent.Enabled || EventsReceived.Enabled;

    /// <summary>Counts a retry of <paramref name="operationId"/>, on its activity and in <see cref="Retries"/>.</summary>
    public static void RecordRetry(HttpRequestMessage request, string operationId, int attempt, int? status, Exception? failure, TimeSpan delay, bool serverAskedToWait)
    {
        var errorType = status is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : failure?.GetType().FullName;
        if (request.Options.TryGetValue(AmigoRequestOptions.Telemetry, out var scope))
        {
            scope.RecordRetry(attempt, errorType, delay);
        }

        if (Retries.Enabled)
        {
            Retries.Add(1, new KeyValuePair<string, object?>(OperationIdTag, operationId), new KeyValuePair<string, object?>(ErrorTypeTag, errorType));
        }

        if (serverAskedToWait)
        {
            RecordThrottlingWait(operationId, delay, "retry_after");
        }
    }

    /// <summary>Records a wait caused by rate limiting: <c>client</c> (a client-side permit) or <c>retry_after</c> (the server's).</summary>
    public static void RecordThrottlingWait(string operationId, TimeSpan waited, string source)
    {
        if (ThrottlingWait.Enabled)
        {
            ThrottlingWait.Record(waited.TotalSeconds,
                new KeyValuePair<string, object?>(OperationIdTag, operationId), new KeyValuePair<string, object?>(ThrottleSourceTag, source));
        }
    }
}
