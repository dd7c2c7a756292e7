using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace Amigo;

/// <summary>
/// Every log line of the SDK. Lines carry the operation, status, duration and attempt number; never bodies,
/// headers, URLs with query strings, or credentials.
/// </summary>
internal static partial class Log
{
    public const string CategoryName = "Amigo";

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Amigo {Operation} attempt {Attempt} returned HTTP {StatusCode} in {ElapsedMs} ms")]
    public static partial void LogAttemptCompleted(this ILogger logger, string operation, int attempt, int statusCode, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Amigo {Operation} attempt {Attempt} failed after {ElapsedMs} ms: {Failure}")]
    public static partial void LogAttemptFailed(this ILogger logger, string operation, int attempt, long elapsedMs, string failure);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Amigo {Operation} attempt {Attempt} got {Outcome}; retrying in {DelayMs} ms (retry {Retry} of {MaxRetries})")]
    public static partial void LogRetrying(this ILogger logger, string operation, int attempt, string outcome, long delayMs, int retry, int maxRetries);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Amigo {Operation} completed with HTTP {StatusCode} in {ElapsedMs} ms after {Attempts} attempt(s)")]
    public static partial void LogCallCompleted(this ILogger logger, string operation, int statusCode, long elapsedMs, int attempts);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Amigo {Operation} failed with HTTP {StatusCode} in {ElapsedMs} ms after {Attempts} attempt(s)")]
    public static partial void LogCallFailedStatus(this ILogger logger, string operation, int statusCode, long elapsedMs, int attempts);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Amigo {Operation} failed in {ElapsedMs} ms after {Attempts} attempt(s): {Failure}")]
    public static partial void LogCallFailed(this ILogger logger, string operation, long elapsedMs, int attempts, string failure);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Amigo {Operation}: signed in; the token expires at {ExpiresAt:O}")]
    public static partial void LogSignedIn(this ILogger logger, string operation, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Amigo {Operation} was rejected with HTTP 401; refreshing the token and replaying the request once")]
    public static partial void LogReplayingAfterUnauthorized(this ILogger logger, string operation);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Amigo {Operation} was rejected with HTTP 401 and is not replayed: {Reason}")]
    public static partial void LogNotReplayed(this ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Amigo {Operation} waited {WaitMs} ms for the client-side rate limit of {Limit} requests per minute")]
    public static partial void LogThrottled(this ILogger logger, string operation, long waitMs, int limit);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Amigo {Operation}: the rate-limit callback threw {ExceptionType}")]
    public static partial void LogRateLimitCallbackFailed(this ILogger logger, string operation, string exceptionType);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Amigo {Operation} got {Outcome} and is not retried: {Reason}")]
    public static partial void LogNotRetried(this ILogger logger, string operation, string outcome, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Amigo {Operation}: a {ValueType} did not match the API spec at {Path} ({Model}): {Problem}. It was decoded anyway; set AmigoClientOptions.StrictDecoding to fail instead. Logged once per type and issue.")]
    public static partial void LogDecodeIssue(this ILogger logger, string operation, string valueType, string path, string problem, string model);

    public static string Describe(Exception exception) => exception switch
    {
        HttpRequestException http => $"{nameof(HttpRequestException)} ({http.HttpRequestError})",
        AmigoTimeoutException timeout => $"timeout after {timeout.Timeout.TotalMilliseconds:0} ms",
        AmigoApiException api => $"{api.GetType().Name} (HTTP {api.StatusCode})",
        _ => exception.GetType().Name,
    };
}
