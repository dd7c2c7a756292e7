namespace Amigo;

/// <summary>What kind of body an error response had.</summary>
public enum AmigoErrorBodyKind
{
    /// <summary>No body.</summary>
    Empty,

    /// <summary>A JSON body.</summary>
    Json,

    /// <summary>An HTML page, usually from a proxy or gateway in front of the API.</summary>
    Html,

    /// <summary>A body that is neither JSON nor HTML.</summary>
    Text,

    /// <summary>The error was reported by an event inside a stream, not by an HTTP response.</summary>
    InStreamEvent,
}

/// <summary>One validation error of a FastAPI-style 422 body: where (<see cref="Location"/>), what (<see cref="Message"/>) and its <see cref="Type"/>.</summary>
public sealed class AmigoFieldError
{
    /// <summary>Creates a field error.</summary>
    public AmigoFieldError(IReadOnlyList<string> location, string message, string? type)
    {
        Location = location;
        Message = message;
        Type = type;
    }

    /// <summary>The path to the offending value, for example <c>["body", "messages", "0", "text"]</c>.</summary>
    public IReadOnlyList<string> Location { get; }

    /// <summary>What was wrong with the value.</summary>
    public string Message { get; }

    /// <summary>The error type, for example <c>missing</c> or <c>string_pattern_mismatch</c>.</summary>
    public string? Type { get; }

    /// <summary>The dotted location and the message, for example <c>body.name: Field required</c>.</summary>
    public override string ToString() => Location.Count == 0 ? Message : $"{string.Join('.', Location)}: {Message}";
}

/// <summary>The parsed content and context of a failed response.</summary>
public sealed class AmigoErrorDetails
{
    internal static readonly AmigoErrorDetails Empty = new(
        null, [], new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase), null, null, AmigoErrorBodyKind.Empty, null);

    internal AmigoErrorDetails(
        string? detail,
        IReadOnlyList<AmigoFieldError> fieldErrors,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        string? requestId,
        string? operation,
        AmigoErrorBodyKind bodyKind,
        string? body)
    {
        Detail = detail;
        FieldErrors = fieldErrors;
        Headers = headers;
        RequestId = requestId;
        Operation = operation;
        BodyKind = bodyKind;
        Body = body;
    }

    /// <summary>The <c>detail</c> (or <c>message</c>) string of the body, if any.</summary>
    public string? Detail { get; }

    /// <summary>FastAPI-style validation errors (empty if none).</summary>
    public IReadOnlyList<AmigoFieldError> FieldErrors { get; }

    /// <summary>The response headers (case-insensitive keys). Headers that can carry credentials are left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The request id assigned by the server, if present.</summary>
    public string? RequestId { get; }

    /// <summary>The operation that failed, for example <c>get-conversations</c>.</summary>
    public string? Operation { get; }

    /// <summary>What kind of body the response had.</summary>
    public AmigoErrorBodyKind BodyKind { get; }

    /// <summary>The raw body text, truncated to 16 KiB. Never part of exception messages.</summary>
    public string? Body { get; }
}
