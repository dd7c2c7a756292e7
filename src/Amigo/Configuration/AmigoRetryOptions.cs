namespace Amigo;

/// <summary>
/// How failed requests are retried. GET requests are retried on 408, 429, 500, 502, 503, 504, network errors
/// and attempt timeouts; other methods only on 429/503 carrying <c>Retry-After</c>, or when the request never
/// reached the server. Requests whose body cannot be replayed are never retried.
/// </summary>
public sealed class AmigoRetryOptions
{
    /// <summary>How many times a request is retried after the first attempt (0 disables retries). Default 3, at most 10.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The backoff base: retry n waits a random time between 0 and <c>BaseDelay * 2^(n-1)</c> (full jitter). Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The cap of the exponential backoff. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait honoured from a <c>Retry-After</c> header; longer values are cut to this. Default 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    internal AmigoRetryOptions Clone() => (AmigoRetryOptions)MemberwiseClone();

    internal void Validate()
    {
        if (MaxRetries is < 0 or > 10)
        {
            throw new AmigoConfigurationException("Retry.MaxRetries", $"AmigoClientOptions.Retry.MaxRetries must be between 0 and 10 (was {MaxRetries}).");
        }

        if (BaseDelay < TimeSpan.Zero)
        {
            throw new AmigoConfigurationException("Retry.BaseDelay", "AmigoClientOptions.Retry.BaseDelay must not be negative.");
        }

        if (MaxDelay < BaseDelay)
        {
            throw new AmigoConfigurationException("Retry.MaxDelay", "AmigoClientOptions.Retry.MaxDelay must be at least Retry.BaseDelay.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            throw new AmigoConfigurationException("Retry.MaxRetryAfter", "AmigoClientOptions.Retry.MaxRetryAfter must not be negative.");
        }
    }
}
