using System.Buffers;
using Amigo.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Amigo.AspNetCore.Webhooks;

/// <summary>
/// Serves one mapped webhook path: reads the raw body (capped), verifies it, claims its idempotency key, runs the
/// handler, and answers. 413: body too large. 401: not authentic or not fresh. 400: authentic but not a JSON object.
/// 409: the same delivery is being handled by another request (Amigo retries later). 204: handled now or before.
/// A handler that throws releases the key (so Amigo's retry is handled) and the exception propagates (500).
/// </summary>
internal sealed class AmigoWebhookEndpoint(
    AmigoWebhookVerifier verifier,
    IAmigoWebhookDeduplicationStore store,
    AmigoWebhookEndpointOptions options,
    Func<HttpContext, AmigoWebhookEvent, Task> handler)
{
    public async Task HandleAsync(HttpContext context)
    {
        var logger = Logger(context);
        var cancellationToken = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, options.MaxBodySize, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            Log.BodyTooLarge(logger, options.MaxBodySize);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var headers = context.Request.Headers;
        var amigoHeaders = new AmigoWebhookHeaders(
            Join(headers[AmigoWebhookHeaders.IdempotencyKeyHeader]),
            Join(headers[AmigoWebhookHeaders.TimestampHeader]),
            Join(headers[AmigoWebhookHeaders.SignatureHeader]));
        if (!verifier.TryVerifyAndParse(body, amigoHeaders, out var webhookEvent, out var result))
        {
            Log.Rejected(logger, result.FailureReason, result.Message);
            context.Response.StatusCode = result.FailureReason == AmigoWebhookFailureReason.MalformedBody
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status401Unauthorized;
            return;
        }

        var key = webhookEvent.IdempotencyKey;
        switch (await store.TryClaimAsync(key, options.HandlerLease, cancellationToken).ConfigureAwait(false))
        {
            case AmigoWebhookClaim.AlreadyHandled:
                Log.Duplicate(logger, webhookEvent.Type, key);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case AmigoWebhookClaim.InProgress:
                Log.InProgress(logger, webhookEvent.Type, key);
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                return;
        }

        try
        {
            await handler(context, webhookEvent).ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await store.MarkHandledAsync(key, options.DeduplicationRetention, CancellationToken.None).ConfigureAwait(false);
        Log.Handled(logger, webhookEvent.Type, key);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Reads the whole body, or returns null as soon as it is known to exceed <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? Join(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values.ToString();

    private static ILogger Logger(HttpContext context) =>
        (context.RequestServices.GetService(typeof(ILoggerFactory)) as ILoggerFactory)?.CreateLogger(Log.CategoryName)
        ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}
