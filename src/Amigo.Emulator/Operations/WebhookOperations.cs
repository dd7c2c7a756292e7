using System.Globalization;
using Amigo.Emulator.Http;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary>The Webhook Destination operations, over <see cref="EmulatorWebhooks"/> (the same destinations and
/// deliveries tests drive directly).</summary>
internal static class WebhookOperations
{
    public static async Task ListAsync(Call call)
    {
        if (await call.ValidateAsync() is not (true, _))
        {
            return;
        }

        var ids = call.Http.Request.Query["id"].Select(v => v ?? "").ToList();
        await call.WriteJsonAsync(call.Spec.SuccessStatus, call.Runtime.Webhooks.ListDestinationsJson(ids));
    }

    public static async Task CreateAsync(Call call)
    {
        var (valid, body) = await call.ValidateAsync();
        if (!valid)
        {
            return;
        }

        if (body is null)
        {
            call.Validation.Missing("body");
            await call.ValidationErrorAsync();
            return;
        }

        var url = (string)body["url"]!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            call.Validation.Add("url_scheme", "URL scheme should be 'https'", body["url"], null, "body", "url");
            await call.ValidationErrorAsync();
            return;
        }

        try
        {
            var created = call.Runtime.Webhooks.CreateDestination(uri, body["accepted_types"]!.Values<string>().OfType<string>(),
                (int?)body["retry_attempts"] ?? 3);
            await call.WriteJsonAsync(call.Spec.SuccessStatus, EmulatorWebhooks.CreatedJson(created));
        }
        catch (InvalidOperationException e)
        {
            await call.DetailAsync(400, e.Message);
        }
    }

    public static async Task UpdateAsync(Call call)
    {
        var (valid, body) = await call.ValidateAsync();
        if (!valid)
        {
            return;
        }

        body ??= [];
        var types = body["accepted_types"] is JArray accepted ? accepted.Values<string>().OfType<string>().ToList() : null;
        await AnswerAsync(call, () => call.Runtime.Webhooks.UpdateDestination(Id(call), (int?)body["retry_attempts"], types));
    }

    public static async Task DeleteAsync(Call call)
    {
        if (await call.ValidateAsync() is (true, _))
        {
            await AnswerAsync(call, () => call.Runtime.Webhooks.DeleteDestination(Id(call)));
        }
    }

    public static async Task RotateAsync(Call call)
    {
        if (await call.ValidateAsync() is not (true, _))
        {
            return;
        }

        EmulatorRotatedWebhookSecret? rotated = null;
        await AnswerAsync(call, () => rotated = call.Runtime.Webhooks.RotateSecret(Id(call)), () => EmulatorWebhooks.RotatedJson(rotated!));
    }

    public static async Task DeliveriesAsync(Call call)
    {
        if (await call.ValidateAsync() is not (true, _))
        {
            return;
        }

        var query = call.Query;
        var sortBy = query.SortBy("type", "status", "created_at");
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        var body = call.Runtime.Webhooks.GetDeliveriesJson(Id(call), query.Raw("status"), query.Raw("type"),
            Time(query.Raw("created_after")), Time(query.Raw("created_before")), sortBy, query.ContinuationToken(),
            query.Int("limit", 50));
        await (body is null ? call.NotFoundAsync("Webhook destination") : call.WriteJsonAsync(call.Spec.SuccessStatus, body));
    }

    private static string Id(Call call) => call.Path("webhook_destination_id");

    private static DateTimeOffset? Time(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static async Task AnswerAsync(Call call, Action change, Func<JToken>? body = null)
    {
        try
        {
            change();
        }
        catch (KeyNotFoundException)
        {
            await call.NotFoundAsync("Webhook destination");
            return;
        }
        catch (InvalidOperationException e)
        {
            await call.DetailAsync(400, e.Message);
            return;
        }

        await SynthesizedOperations.WriteSuccessAsync(call, body?.Invoke());
    }
}
