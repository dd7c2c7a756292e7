using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Http;

/// <summary>Serves every request: route, record, inject faults, authenticate, validate path ids, run the operation.</summary>
internal sealed class Pipeline(EmulatorRuntime runtime, ILogger logger)
{
    private static readonly HashSet<string> SecretHeaders =
        new(["Authorization", "x-api-key", "Cookie", "Proxy-Authorization"], StringComparer.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var route = Router.Match(request.Method, path, out var values, out var pathMatched);
        var record = new RecordedRequest
        {
            Operation = route?.Operation,
            Method = request.Method,
            Path = path,
            Query = request.QueryString.Value ?? "",
            Headers = request.Headers.ToDictionary(h => h.Key,
                h => SecretHeaders.Contains(h.Key) ? "***" : h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
        runtime.Record(record);

        if (route is null)
        {
            await WriteDetailAsync(context, pathMatched ? 405 : 404, pathMatched ? "Method Not Allowed" : "Not Found");
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, runtime.Stopping);
        var call = new Call
        {
            Http = context,
            Operation = route.Operation,
            Spec = route.Spec,
            PathValues = values,
            Runtime = runtime,
            Record = record,
            Cancellation = cancellation.Token,
            Fault = runtime.Faults.NextFor(route.Operation),
        };

        try
        {
            if (!await ApplyPreResponseFaultAsync(call))
            {
                return;
            }

            if (route.Operation != EmulatorOperations.SignInWithApiKey)
            {
                var (userId, problem) = Tokens.Authenticate(runtime.Store, request.Headers.Authorization,
                    request.Headers["X-ORG-ID"].ToString());
                if (userId is null)
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await call.DetailAsync(401, problem!);
                    return;
                }

                call.UserId = userId;
            }

            new Spec.SchemaValidator(Spec.EmulatorSpec.Instance, call.Validation).PathParameters(route.Spec, values);

            if (call.Validation.HasErrors)
            {
                await call.ValidationErrorAsync();
                return;
            }

            if (values["organization"] != runtime.Store.OrganizationId)
            {
                await call.DetailAsync(404, "Specified organization is not found.");
                return;
            }

            await route.Handler(call);
        }
        catch (ConnectionDroppedException) when (context.Response.HasStarted)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or Microsoft.AspNetCore.Connections.ConnectionResetException &&
                                  context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Emulator failure in {Operation}", route.Operation);
            if (!context.Response.HasStarted)
            {
                await WriteDetailAsync(context, 500, "Internal Server Error: " + e.Message);
            }
            else
            {
                context.Abort();
            }
        }
    }

    /// <summary>Applies faults that act before the operation runs; false when the call is already answered.</summary>
    private static async Task<bool> ApplyPreResponseFaultAsync(Call call)
    {
        var headers = call.Http.Response.Headers;
        switch (call.Fault)
        {
            case StatusFault status:
                if (status.RateLimit is { } statusLimit)
                {
                    AddRateLimitHeaders(headers, statusLimit);
                }

                if (status.RetryAfter is { } retryAfter)
                {
                    headers.RetryAfter = Seconds(retryAfter);
                }

                await call.DetailAsync(status.StatusCode, status.Detail ?? StandardDetail(status.StatusCode));
                return false;
            case RateLimitHeadersFault limit:
                AddRateLimitHeaders(headers, limit);
                return true;
            case DropConnectionFault { AfterEvents: null }:
                call.Http.Abort();
                return false;
            case StallFault { AfterEvents: null } stall:
                await stall.WaitAsync(call.Cancellation);
                return true;
            default:
                return true;
        }
    }

    private static void AddRateLimitHeaders(IHeaderDictionary headers, RateLimitHeadersFault limit)
    {
        headers["X-RateLimit-Limit"] = limit.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = Seconds(limit.Reset);
    }

    private static string Seconds(TimeSpan value) =>
        ((long)Math.Ceiling(Math.Max(0, value.TotalSeconds))).ToString(CultureInfo.InvariantCulture);

    private static string StandardDetail(int status) => status switch
    {
        400 => "Bad request.",
        401 => "Invalid authorization credentials.",
        403 => "Missing required permissions.",
        404 => "Not found.",
        409 => "A related operation is in progress.",
        429 => "Rate limit exceeded. Please retry later.",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "The service is going through temporary maintenance.",
        504 => "Gateway Timeout",
        _ => ReasonPhrases(status),
    };

    private static string ReasonPhrases(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}";

    private static async Task WriteDetailAsync(HttpContext context, int status, string detail)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(new JObject { ["detail"] = detail }.ToString(Newtonsoft.Json.Formatting.None));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }
}
