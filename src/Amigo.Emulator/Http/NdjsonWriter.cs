using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Http;

/// <summary>Writes an <c>application/x-ndjson</c> stream one flushed line at a time, applying stream faults and pacing.</summary>
internal sealed class NdjsonWriter(Call call)
{
    private bool _faultApplied;

    public int EventsWritten { get; private set; }

    public async Task StartAsync(int status)
    {
        var response = call.Http.Response;
        response.StatusCode = status;
        response.ContentType = "application/x-ndjson";
        response.Headers.CacheControl = "no-cache";
        call.DisableResponseBuffering();
        await response.StartAsync(call.Cancellation).ConfigureAwait(false);
    }

    public async Task WriteAsync(JObject @event)
    {
        if (EventsWritten > 0 && call.Options.EventDelay > TimeSpan.Zero)
        {
            await Task.Delay(call.Options.EventDelay, call.Options.TimeProvider, call.Cancellation).ConfigureAwait(false);
        }

        await ApplyFaultAsync().ConfigureAwait(false);
        await call.WriteBytesAsync(Encoding.UTF8.GetBytes(@event.ToString(Formatting.None) + "\n")).ConfigureAwait(false);
        EventsWritten++;
    }

    /// <summary>Ends the stream, first firing a positional fault the stream was too short to reach.</summary>
    public Task EndAsync() => ApplyFaultAsync();

    private async Task ApplyFaultAsync()
    {
        if (_faultApplied)
        {
            return;
        }

        switch (call.Fault)
        {
            case DropConnectionFault { AfterEvents: int after } when EventsWritten >= after:
                _faultApplied = true;
                await call.Http.Response.Body.FlushAsync(call.Cancellation).ConfigureAwait(false);

                // Escaping the app after the response started makes Kestrel close the connection without the
                // final chunk, after sending what was flushed (HttpContext.Abort here could discard it).
                throw new ConnectionDroppedException();
            case StallFault { AfterEvents: int after } stall when EventsWritten >= after:
                _faultApplied = true;
                await stall.WaitAsync(call.Cancellation).ConfigureAwait(false);
                break;
            case MalformedLineFault malformed when EventsWritten >= malformed.AfterEvents:
                _faultApplied = true;
                await call.WriteBytesAsync(Encoding.UTF8.GetBytes(malformed.Line + "\n")).ConfigureAwait(false);
                break;
        }
    }
}
