using System.Net.Http.Headers;

namespace Amigo;

/// <summary>
/// A file the API answered with (an archive, for example): its body as a stream read straight from the connection
/// (never buffered in memory), with its content type, file name and length.
/// </summary>
/// <remarks>
/// The call that returns it has already been through the client's pipeline (auth, retries, rate limits, logs): an
/// error status was thrown as the matching <see cref="AmigoApiException"/> before any of the body was read, and the
/// request timeout covered the wait for the response headers only. Read <see cref="Content"/> once, then dispose this
/// object (<c>using var file = …</c>): disposing frees the connection, whether or not the body was read to its end.
/// </remarks>
public sealed class AmigoFileResponse : IDisposable
{
    private readonly IDisposable? _owner;
    private int _disposed;

    /// <summary>Creates a file response (for tests and mocks).</summary>
    /// <param name="content">The body.</param>
    /// <param name="contentType">The media type of the body, for example <c>application/zip</c>; null if the server gave none.</param>
    /// <param name="fileName">The file name the server suggested (<c>Content-Disposition</c>); null if it gave none.</param>
    /// <param name="length">The length of the body in bytes (<c>Content-Length</c>); null if unknown.</param>
    /// <param name="owner">What else disposing this response disposes (the HTTP response that carries the body), if anything.</param>
    public AmigoFileResponse(Stream content, string? contentType, string? fileName, long? length, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        ContentType = contentType;
        FileName = fileName;
        Length = length;
        _owner = owner;
    }

    /// <summary>The body, read from the connection as it arrives. Readable once, forward only.</summary>
    public Stream Content { get; }

    /// <summary>The media type of the body (<c>Content-Type</c> without its parameters), for example <c>application/zip</c>; null if the server gave none.</summary>
    public string? ContentType { get; }

    /// <summary>The file name the server suggested in <c>Content-Disposition</c> (<c>filename*</c> preferred over <c>filename</c>); null if it gave none.</summary>
    public string? FileName { get; }

    /// <summary>The length of the body in bytes (<c>Content-Length</c>); null if the server did not say (a compressed or chunked answer).</summary>
    public long? Length { get; }

    /// <summary>Closes the body and frees its connection. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            Content.Dispose();
        }
        finally
        {
            _owner?.Dispose();
        }
    }

    /// <summary>Describes the file without its content.</summary>
    public override string ToString() =>
        $"AmigoFileResponse({ContentType ?? "no content type"}, FileName={FileName ?? "none"}, Length={Length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})";

    /// <summary>
    /// Wraps what a generated client answered for a file operation (NSwag's FileResponse: its stream and its response
    /// and content headers); the wrapper owns, and disposes, that answer. Generic so that the façade's signatures never
    /// name a type of the generated assembly.
    /// </summary>
    internal static async Task<AmigoFileResponse> OpenAsync<TResponse>(
        Task<TResponse> call, Func<TResponse, Stream> body, Func<TResponse, IReadOnlyDictionary<string, IEnumerable<string>>> headers)
        where TResponse : IDisposable
    {
        var response = await call.ConfigureAwait(false);
        try
        {
            var stream = body(response);
            var all = headers(response);
            return new AmigoFileResponse(
                stream,
                Header(all, "Content-Type") is { } type && MediaTypeHeaderValue.TryParse(type, out var media) ? media.MediaType : null,
                FileNameOf(Header(all, "Content-Disposition")),
                LengthOf(all, stream),
                response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static string? Header(IReadOnlyDictionary<string, IEnumerable<string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } values
            ? string.Join(", ", values)
            : null;

    // The Content-Length header; a body already in memory (a mock's) knows its length without one.
    private static long? LengthOf(IReadOnlyDictionary<string, IEnumerable<string>> headers, Stream body) =>
        long.TryParse(Header(headers, "Content-Length"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length) ? length
        : body.CanSeek ? body.Length : null;

    private static string? FileNameOf(string? contentDisposition)
    {
        if (contentDisposition is null || !ContentDispositionHeaderValue.TryParse(contentDisposition, out var disposition))
        {
            return null;
        }

        var name = disposition.FileNameStar ?? disposition.FileName;
        return string.IsNullOrWhiteSpace(name) ? null : name!.Trim('"');
    }
}
