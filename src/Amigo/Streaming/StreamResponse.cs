using Amigo.Generated;

namespace Amigo.Streaming;

/// <summary>
/// An open streamed response: the body to read and whatever must be disposed to release its connection
/// (an <see cref="HttpResponseMessage"/>, or a generated <see cref="FileResponse"/>).
/// </summary>
internal sealed class StreamResponse : IDisposable
{
    private readonly IDisposable _owner;

    private StreamResponse(Stream body, IDisposable owner)
    {
        Body = body;
        _owner = owner;
    }

    /// <summary>The unbuffered response body.</summary>
    public Stream Body { get; }

    /// <summary>
    /// Opens the body of <paramref name="response"/> (sent with <see cref="HttpCompletionOption.ResponseHeadersRead"/>).
    /// A non-success status is refused before any line is parsed; the response is disposed in that case.
    /// </summary>
    public static async Task<StreamResponse> OpenAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AmigoStreamException(
                    $"The server answered {(int)response.StatusCode} {response.ReasonPhrase} instead of an event stream",
                    operation, 0, null, 0, []);
            }
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new StreamResponse(body, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a generated client's streamed answer (which throws for error statuses itself).</summary>
    public static StreamResponse From(FileResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new StreamResponse(response.Stream, response);
    }

    /// <summary>Disposes the body and its response.</summary>
    public void Dispose()
    {
        try
        {
            Body.Dispose();
        }
        finally
        {
            _owner.Dispose();
        }
    }
}
