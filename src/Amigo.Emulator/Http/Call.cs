using System.Text;
using Amigo.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Http;

/// <summary>One request being served: its route values, the fault (if any) that hit it, and response helpers.</summary>
internal sealed class Call
{
    public required HttpContext Http { get; init; }
    public required string Operation { get; init; }
    public required Spec.SpecOperation Spec { get; init; }
    public required IReadOnlyDictionary<string, string> PathValues { get; init; }
    public required EmulatorRuntime Runtime { get; init; }
    public required RecordedRequest Record { get; init; }
    public required CancellationToken Cancellation { get; init; }
    public EmulatorFault? Fault { get; set; }
    public string UserId { get; set; } = "";
    public Validation Validation { get; } = new();

    public EmulatorStore Store => Runtime.Store;
    public AmigoEmulatorOptions Options => Runtime.Options;
    public QueryReader Query => new(Http.Request.Query, Validation);
    public BodyReader Body => new(Validation);

    public string Path(string name) => PathValues[name];

    public Task<JObject?> ReadJsonAsync(bool required = true) =>
        BodyReader.ReadObjectAsync(Http.Request, Validation, required, text => Record.Body = text, Cancellation);

    /// <summary>Checks the query, headers and JSON body against the spec; answers 422 and returns false when they
    /// break it, with the body read (null when there is none).</summary>
    public async Task<(bool Valid, JObject? Body)> ValidateAsync()
    {
        var validator = new Spec.SchemaValidator(Amigo.Emulator.Spec.EmulatorSpec.Instance, Validation);
        validator.Parameters(Spec, Http.Request.Query, Http.Request.Headers);
        JObject? body = null;
        if (Spec.RequestBody is { } schema && Spec.RequestMediaType == "application/json")
        {
            body = await ReadJsonAsync(Spec.RequestBodyRequired).ConfigureAwait(false);
            if (body is not null)
            {
                validator.Json(body, schema, ["body"]);
            }
        }

        if (Validation.HasErrors)
        {
            await ValidationErrorAsync().ConfigureAwait(false);
            return (false, body);
        }

        return (true, body);
    }

    public Task ValidationErrorAsync() => WriteJsonAsync(StatusCodes.Status422UnprocessableEntity, Validation.Body);

    public Task DetailAsync(int status, string detail) => WriteJsonAsync(status, new JObject { ["detail"] = detail });

    public Task NotFoundAsync(string what) => DetailAsync(StatusCodes.Status404NotFound, $"{what} not found.");

    public async Task WriteJsonAsync(int status, JToken body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToString(Formatting.None));
        Http.Response.StatusCode = status;
        Http.Response.ContentType = "application/json";
        Http.Response.ContentLength = bytes.Length;
        await WriteBytesAsync(bytes).ConfigureAwait(false);
    }

    public Task NoContentAsync()
    {
        Http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>Writes and flushes, a few bytes at a time with pauses when a slow-drip fault hit this call.</summary>
    public async Task WriteBytesAsync(ReadOnlyMemory<byte> bytes)
    {
        var body = Http.Response.Body;
        if (Fault is SlowDripFault drip)
        {
            for (var offset = 0; offset < bytes.Length; offset += drip.BytesPerWrite)
            {
                var count = Math.Min(drip.BytesPerWrite, bytes.Length - offset);
                await body.WriteAsync(bytes.Slice(offset, count), Cancellation).ConfigureAwait(false);
                await body.FlushAsync(Cancellation).ConfigureAwait(false);
                await Task.Delay(drip.Delay, Options.TimeProvider, Cancellation).ConfigureAwait(false);
            }

            return;
        }

        await body.WriteAsync(bytes, Cancellation).ConfigureAwait(false);
        await body.FlushAsync(Cancellation).ConfigureAwait(false);
    }

    public void DisableResponseBuffering() => Http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
}

/// <summary>Thrown after a drop-connection fault aborted the connection, to unwind the handler quietly.</summary>
internal sealed class ConnectionDroppedException : Exception
{
    public ConnectionDroppedException()
        : base("The emulator dropped the connection (injected fault).")
    {
    }
}
