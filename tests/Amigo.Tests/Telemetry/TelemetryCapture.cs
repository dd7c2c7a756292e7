using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Amigo.Tests.Telemetry;

/// <summary>
/// Listens to the SDK's activity source and meter (and HttpClient's spans) for one test. Only activities of the
/// test's own trace count, and only measurements made while the test's root activity is current, so other code in
/// the process cannot disturb it.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private const string TestSourceName = "Amigo.Tests.Telemetry";
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly Activity? _root;

    public TelemetryCapture(bool listenToActivities = true, bool listenToMetrics = true)
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TestSourceName || (listenToActivities && source.Name is AmigoTelemetry.ActivitySourceName or "System.Net.Http"),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity => { if (Mine(activity)) Started.Enqueue(activity); },
            ActivityStopped = activity => { if (Mine(activity)) Stopped.Enqueue(activity); },
        };
        ActivitySource.AddActivityListener(_activities);
        _root = TestSource.StartActivity("test") ?? throw new InvalidOperationException("The test's root activity was not sampled.");
        if (listenToMetrics)
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AmigoTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.Start();
        }
    }

    public ConcurrentQueue<Activity> Started { get; } = new();

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public IReadOnlyList<Activity> Amigo(bool stopped = true) =>
        (stopped ? Stopped : Started).Where(a => a.Source.Name == AmigoTelemetry.ActivitySourceName).ToList();

    public IReadOnlyList<Activity> Http() => Stopped.Where(a => a.Source.Name == "System.Net.Http").ToList();

    public IReadOnlyList<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    private bool Mine(Activity activity) => _root is not null && activity.Source.Name != TestSourceName && activity.TraceId == _root.TraceId;

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_root is not null && Activity.Current?.TraceId == _root.TraceId)
        {
            Measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
        _root?.Stop();
    }

    internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
}
