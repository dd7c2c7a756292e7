namespace Amigo;

/// <summary>The rate-limit state the server reported on a response (<c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c>).</summary>
public sealed class AmigoRateLimitInfo
{
    /// <summary>Creates a rate-limit snapshot.</summary>
    public AmigoRateLimitInfo(string operation, int? limit, int? remaining, DateTimeOffset? resetAt)
    {
        Operation = operation;
        Limit = limit;
        Remaining = remaining;
        ResetAt = resetAt;
    }

    /// <summary>The operation whose response carried the headers, for example <c>interact-with-conversation</c>.</summary>
    public string Operation { get; }

    /// <summary>The number of requests allowed in the current window (<c>X-RateLimit-Limit</c>).</summary>
    public int? Limit { get; }

    /// <summary>The number of requests left in the current window (<c>X-RateLimit-Remaining</c>).</summary>
    public int? Remaining { get; }

    /// <summary>
    /// When the window resets (<c>X-RateLimit-Reset</c>: seconds from now, or Unix epoch seconds for values from 10⁹ on).
    /// </summary>
    public DateTimeOffset? ResetAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Operation}: {Remaining?.ToString() ?? "?"}/{Limit?.ToString() ?? "?"} left, resets at {ResetAt?.ToString("O") ?? "?"}";
}
