using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>
/// Reads the JSON body of a successful response for the generated clients, with the client's decoding mode
/// (tolerant by default, see <see cref="AmigoDecodeIssues"/>; strict with <see cref="AmigoClientOptions.StrictDecoding"/>).
/// A body that cannot be read at all is an <see cref="AmigoDecodeException"/> naming the operation; a body decoded
/// in spite of issues carries them, and each kind of issue is logged once.
/// </summary>
internal sealed class ResponseDecoder(AmigoClientRuntime runtime)
{
    /// <summary>
    /// Reads a generated client's response body: the parser's message is never quoted (a body may hold a token or an
    /// API key), and where the spec leaves the success body undescribed (<typeparamref name="T"/> is <see cref="object"/>)
    /// any body is accepted, an empty or <c>null</c> one as a JSON null token, so the generated client does not reject it.
    /// </summary>
    public async Task<T> ReadGeneratedAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var value = await ReadAsync<T>(response, quoteParser: false, cancellationToken).ConfigureAwait(false);
        return value is null && typeof(T) == typeof(object) ? (T)(object)JValue.CreateNull() : value;
    }

    /// <summary>Reads the body of <paramref name="response"/> as <typeparamref name="T"/>.</summary>
    /// <param name="response">A success response; its content is buffered by the pipeline.</param>
    /// <param name="quoteParser">Whether the parser's message may be quoted (not for bodies that hold a token).</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public async Task<T> ReadAsync<T>(HttpResponseMessage response, bool quoteParser, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return default!;
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (!body.CanSeek)
        {
            // Tolerant decoding may read the body twice (see Decode).
            var copy = new MemoryStream();
            await body.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            await body.DisposeAsync().ConfigureAwait(false);
            copy.Position = 0;
            body = copy;
        }

        using (body)
        {
            return Decode<T>(response, body, quoteParser);
        }
    }

    // Synchronous from start to end: the issue collector is per thread.
    private T Decode<T>(HttpResponseMessage response, Stream body, bool quoteParser)
    {
        var serializer = runtime.Serializer;
        var start = body.Position;
        if (!AmigoJsonDecoding.IsTolerant(serializer))
        {
            try
            {
                return ReadText<T>(serializer, body);
            }
            catch (JsonException ex)
            {
                throw Undecodable(response, typeof(T), ex, quoteParser);
            }
        }

        var collector = DecodeIssueCollector.Begin();
        try
        {
            var value = ReadText<T>(serializer, body);
            if (!collector.HasIssues)
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Read again below, to tell a body that drifted from the spec from one that is not JSON.
        }
        finally
        {
            collector.Abandon();
        }

        // As for stream lines (see NewtonsoftNdjsonDeserializer): through a JToken, every value of the wrong type is
        // skipped whole, and only text that is not JSON fails.
        body.Position = start;
        collector = DecodeIssueCollector.Begin();
        try
        {
            JToken token;
            using (var text = TextReader(body))
            {
                token = JToken.ReadFrom(text);
            }

            using var reader = token.CreateReader();
            var value = serializer.Deserialize<T>(reader)!;
            if (collector.Complete(value, serializer.ContractResolver) is { } issues)
            {
                runtime.DecodeIssues.Report(Operation(response), value!, issues);
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw Undecodable(response, typeof(T), ex, quoteParser);
        }
        finally
        {
            collector.Abandon();
        }
    }

    private static T ReadText<T>(JsonSerializer serializer, Stream body)
    {
        using var reader = TextReader(body);
        return serializer.Deserialize<T>(reader)!;
    }

    private static JsonTextReader TextReader(Stream body) =>
        new(new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true))
        {
            DateParseHandling = DateParseHandling.None,
        };

    private AmigoDecodeException Undecodable(HttpResponseMessage response, Type expected, JsonException exception, bool quoteParser)
    {
        var problem = $"it is not a valid {expected.Name}";
        if (quoteParser)
        {
            problem += $" ({runtime.Redactor.Redact(exception.Message)})";
        }

        return new AmigoDecodeException(Operation(response), (int)response.StatusCode, problem + ".", quoteParser ? runtime.Redactor.Sanitize(exception) : null);
    }

    private static string Operation(HttpResponseMessage response) =>
        response.RequestMessage is { } request ? AmigoOperations.Resolve(request).Id : "unknown operation";
}
