using System.Text;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.TestServer;

/// <summary>Server-side helpers that write an NDJSON body piece by piece, flushing each piece to the network.</summary>
public static class NdjsonResponseExtensions
{
    /// <summary>Sends the status (200 unless told otherwise) and the <c>application/x-ndjson</c> headers.</summary>
    public static Task StartNdjsonAsync(this HttpResponse response, int statusCode = StatusCodes.Status200OK)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/x-ndjson";
        return response.StartAsync(response.HttpContext.RequestAborted);
    }

    /// <summary>Writes <paramref name="json"/> and a <c>\n</c>, then flushes.</summary>
    public static Task WriteLineAndFlushAsync(this HttpResponse response, string json) =>
        response.WriteAndFlushAsync(Encoding.UTF8.GetBytes(json + "\n"));

    /// <summary>Writes raw bytes (any split of a line), then flushes so they leave as their own HTTP chunk.</summary>
    public static async Task WriteAndFlushAsync(this HttpResponse response, ReadOnlyMemory<byte> bytes)
    {
        await response.Body.WriteAsync(bytes, response.HttpContext.RequestAborted);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted);
    }

    /// <summary>
    /// Waits until the client goes away (the request is aborted); used to script a stalled server. Its own guard
    /// is twice the tests' guard, so a client that never lets go fails the test's wait before the server gives up.
    /// </summary>
    public static Task WaitForClientToLeaveAsync(this HttpContext context) =>
        Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default)
            .WaitAsync(Signal.Guard * 2);
}
