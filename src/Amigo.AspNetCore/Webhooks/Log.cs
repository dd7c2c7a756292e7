using Amigo.Webhooks;
using Microsoft.Extensions.Logging;

namespace Amigo.AspNetCore.Webhooks;

/// <summary>The webhook endpoint's log lines: outcome, type and idempotency key; never bodies, signatures or secrets.</summary>
internal static partial class Log
{
    public const string CategoryName = "Amigo.AspNetCore.Webhooks";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Amigo webhook rejected ({Reason}): {Detail}")]
    public static partial void Rejected(ILogger logger, AmigoWebhookFailureReason reason, string detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Amigo webhook rejected: the body exceeds {MaxBodySize} bytes")]
    public static partial void BodyTooLarge(ILogger logger, long maxBodySize);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Amigo webhook {Type} {IdempotencyKey} handled")]
    public static partial void Handled(ILogger logger, string type, string idempotencyKey);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Amigo webhook {Type} {IdempotencyKey} was handled before; not handling it again")]
    public static partial void Duplicate(ILogger logger, string type, string idempotencyKey);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Amigo webhook {Type} {IdempotencyKey} is being handled by another request; asking Amigo to retry")]
    public static partial void InProgress(ILogger logger, string type, string idempotencyKey);
}
