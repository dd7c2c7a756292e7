using System.Diagnostics;
using System.Globalization;

namespace Amigo;

/// <summary>
/// The telemetry of one operation call: its activity (when an activity listener is attached) and its duration, from
/// the first attempt to the last, or for a stream to the end of the stream. Created only while something listens.
/// </summary>
/// <remarks>
/// Whoever starts a scope around a call (the client context around a generated-client call, a stream around its
/// enumeration) makes it ambient; the outermost pipeline handler claims the ambient scope for the call's request and
/// adds the HTTP tags. A request sent with no ambient scope gets one of its own, so every operation has exactly one.
/// HttpClient's own spans, one per attempt, are children of the scope's activity. Tags never hold a secret or a body:
/// only ids, the method, the server, status codes and exception type names.
/// </remarks>
internal sealed class AmigoOperationScope
{
    private static readonly AsyncLocal<AmigoOperationScope?> Ambient = new();

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _operationId;
    private string? _serverAddress;
    private int? _status;
    private string? _errorType;
    private int _retries;
    private long _events;
    private double? _timeToFirstEvent;
    private int _ended;
    private bool _claimed;

    private AmigoOperationScope(string operationId, Activity? activity)
    {
        _operationId = operationId;
        Activity = activity;
    }

    /// <summary>The operation's activity, or null when no activity listener wants it.</summary>
    public Activity? Activity { get; }

    /// <summary>Starts the telemetry of <paramref name="operationId"/>, or returns null when nothing listens.</summary>
    public static AmigoOperationScope? Start(string operationId)
    {
        if (!AmigoInstrumentation.OperationObserved)
        {
            return null;
        }

        var activity = AmigoInstrumentation.Source.HasListeners()
            ? AmigoInstrumentation.Source.StartActivity(operationId, ActivityKind.Client)
            : null;
        activity?.SetTag(AmigoInstrumentation.OperationIdTag, operationId);
        return new AmigoOperationScope(operationId, activity);
    }

    /// <summary>Makes this scope the one the next request of the current async flow claims.</summary>
    public void MakeAmbient() => Ambient.Value = this;

    /// <summary>The ambient scope, if no request has claimed it yet; the request then belongs to it.</summary>
    public static AmigoOperationScope? ClaimAmbient()
    {
        var scope = Ambient.Value;
        if (scope is null || scope._claimed || scope._ended != 0)
        {
            return null;
        }

        scope._claimed = true;
        return scope;
    }

    /// <summary>Records what the request is sent to (method and server; never the path, which holds ids, or the query).</summary>
    public void SetRequest(HttpRequestMessage request)
    {
        _serverAddress = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Host : null;
        if (Activity is { } activity)
        {
            activity.SetTag(AmigoInstrumentation.MethodTag, request.Method.Method);
            if (request.RequestUri is { IsAbsoluteUri: true } target)
            {
                activity.SetTag(AmigoInstrumentation.ServerAddressTag, target.Host);
                activity.SetTag(AmigoInstrumentation.ServerPortTag, target.Port);
            }
        }
    }

    public void SetStatus(int status)
    {
        _status = status;
        Activity?.SetTag(AmigoInstrumentation.StatusCodeTag, status);
    }

    public void RecordRetry(int attempt, string? errorType, TimeSpan delay)
    {
        Interlocked.Increment(ref _retries);
        Activity?.AddEvent(new ActivityEvent("amigo.retry", tags: new ActivityTagsCollection
        {
            ["amigo.retry.attempt"] = attempt,
            [AmigoInstrumentation.ErrorTypeTag] = errorType,
            ["amigo.retry.delay"] = delay.TotalSeconds,
        }));
    }

    /// <summary>Counts an event of a stream; the first one also records the time to first event.</summary>
    public void RecordEvent()
    {
        if (_events++ == 0)
        {
            _timeToFirstEvent = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            if (AmigoInstrumentation.TimeToFirstEvent.Enabled)
            {
                AmigoInstrumentation.TimeToFirstEvent.Record(_timeToFirstEvent.Value, new KeyValuePair<string, object?>(AmigoInstrumentation.OperationIdTag, _operationId));
            }
        }
    }

    /// <summary>Records an error event of a stream and the phase it came in.</summary>
    public void RecordErrorEvent(StreamErrorPhase phase)
    {
        _errorType ??= "error_event";
        Activity?.SetTag(AmigoInstrumentation.ErrorPhaseTag, Phase(phase));
    }

    /// <summary>Records the failure of the call: its exception type, and the phase of a stream's error event.</summary>
    public void Fail(Exception exception)
    {
        _errorType = exception.GetType().FullName;
        if (exception is AmigoApiException api)
        {
            SetStatus(api.StatusCode);
        }

        if (exception is AmigoStreamErrorEventException errorEvent)
        {
            Activity?.SetTag(AmigoInstrumentation.ErrorPhaseTag, Phase(errorEvent.Phase));
        }
    }

    /// <summary>Ends the call (once): stops the activity and records the metrics.</summary>
    /// <param name="streamOutcome">For a stream: <c>completed</c>, <c>failed</c>, <c>cancelled</c> or <c>abandoned</c> (left before its end).</param>
    public void End(string? streamOutcome = null)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        var duration = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var streamed = streamOutcome is not null;
        if (Activity is { } activity)
        {
            if (_retries > 0)
            {
                activity.SetTag(AmigoInstrumentation.RetryCountTag, _retries);
            }

            if (streamed)
            {
                activity.SetTag(AmigoInstrumentation.StreamOutcomeTag, streamOutcome);
                activity.SetTag(AmigoInstrumentation.EventsReceivedTag, _events);
                if (_timeToFirstEvent is { } first)
                {
                    activity.SetTag(AmigoInstrumentation.TimeToFirstEventTag, first);
                }
            }

            if (_errorType is not null)
            {
                activity.SetTag(AmigoInstrumentation.ErrorTypeTag, _errorType);
                activity.SetStatus(ActivityStatusCode.Error, _errorType);
            }

            // Stop() makes the activity's parent current; the flow that ends a stream may be another, so it keeps its own.
            var current = Activity.Current;
            activity.Stop();
            if (current != activity)
            {
                Activity.Current = current;
            }
        }

        if (AmigoInstrumentation.OperationDuration.Enabled)
        {
            var tags = new TagList
            {
                { AmigoInstrumentation.OperationIdTag, _operationId },
            };
            if (_serverAddress is not null) tags.Add(AmigoInstrumentation.ServerAddressTag, _serverAddress);
            if (_status is { } status) tags.Add(AmigoInstrumentation.StatusCodeTag, status);
            if (_errorType is not null) tags.Add(AmigoInstrumentation.ErrorTypeTag, _errorType);
            AmigoInstrumentation.OperationDuration.Record(duration, tags);
        }

        if (streamed && _events > 0 && AmigoInstrumentation.EventsReceived.Enabled)
        {
            AmigoInstrumentation.EventsReceived.Add(_events, new KeyValuePair<string, object?>(AmigoInstrumentation.OperationIdTag, _operationId));
        }
    }

    private static string Phase(StreamErrorPhase phase) => phase switch
    {
        StreamErrorPhase.BeforeInteractionComplete => "before_interaction_complete",
        StreamErrorPhase.AfterInteractionComplete => "after_interaction_complete",
        _ => phase.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
