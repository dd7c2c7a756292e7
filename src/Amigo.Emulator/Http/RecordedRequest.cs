namespace Amigo.Emulator;

/// <summary>A request the emulator received, for assertions in tests. Credentials are redacted.</summary>
public sealed class RecordedRequest
{
    /// <summary>The operation id (see <see cref="EmulatorOperations"/>), or null when no route matched.</summary>
    public string? Operation { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, as received.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string, including the leading <c>?</c>, or empty.</summary>
    public required string Query { get; init; }

    /// <summary>Request headers; <c>Authorization</c>, <c>x-api-key</c> and cookies are replaced by <c>***</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body for JSON requests (as text), or null for others (multipart bodies are not kept).</summary>
    public string? Body { get; set; }
}
