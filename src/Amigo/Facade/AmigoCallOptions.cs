namespace Amigo;

/// <summary>
/// Settings for one call, passed to any operation method of the resource groups: extra request headers (for example
/// <c>x-mongo-cluster-name</c>, which the spec defines on every operation), a timeout and a retry budget that replace
/// the client's for this call only.
/// </summary>
public sealed class AmigoCallOptions
{
    /// <summary>The header the spec defines on every operation for routing to a Mongo cluster.</summary>
    public const string MongoClusterNameHeader = "x-mongo-cluster-name";

    /// <summary>Headers to add to the request (replacing a header of the same name). Authentication headers cannot be set here.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The Mongo cluster to run the call in (<c>x-mongo-cluster-name</c>): usually not needed, unless the organization
    /// does not exist yet in the organization infrastructure database. Null leaves the header out.
    /// </summary>
    public string? MongoClusterName
    {
        get => Headers.TryGetValue(MongoClusterNameHeader, out var value) ? value : null;
        set
        {
            if (value is null) Headers.Remove(MongoClusterNameHeader);
            else Headers[MongoClusterNameHeader] = value;
        }
    }

    /// <summary>Bounds each attempt of this call, replacing <see cref="AmigoClientOptions.RequestTimeout"/>; null for the client's.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How many times this call may be retried, replacing <see cref="AmigoRetryOptions.MaxRetries"/>; null for the client's, 0 for none.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Checks the options before anything is sent.</summary>
    /// <exception cref="ArgumentException">A header is blank, malformed or an authentication header, or the timeout or retry count is out of range.</exception>
    internal void Validate()
    {
        foreach (var (name, value) in Headers)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                throw new ArgumentException($"The call option header name '{name}' is not a valid HTTP header name.", nameof(Headers));
            }

            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The {name} header is set by the client's credential and cannot be a call option.", nameof(Headers));
            }

            if (value is null || value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new ArgumentException($"The value of call option header '{name}' must not be null or contain line breaks.", nameof(Headers));
            }
        }

        if (Timeout is { } timeout && timeout != System.Threading.Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), timeout, "The call timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        if (MaxRetries is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must not be negative.");
        }
    }
}
