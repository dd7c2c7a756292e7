namespace Amigo;

/// <summary>
/// The names under which the SDK reports traces and metrics, for OpenTelemetry's <c>AddSource</c> and
/// <c>AddMeter</c> (or an <see cref="System.Diagnostics.ActivityListener"/> / <see cref="System.Diagnostics.Metrics.MeterListener"/>).
/// Nothing is recorded while nobody listens. See docs/telemetry.md for every activity, metric and tag.
/// </summary>
public static class AmigoTelemetry
{
    /// <summary>The name of the SDK's <see cref="System.Diagnostics.ActivitySource"/>: one activity per operation call.</summary>
    public const string ActivitySourceName = "Amigo";

    /// <summary>The name of the SDK's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Amigo";
}
