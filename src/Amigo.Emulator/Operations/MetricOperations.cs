using System.Security.Cryptography;
using System.Text;
using Amigo.Emulator.Http;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary><c>evaluate-metrics</c>: deterministic values derived from the metric id unless a test set one.</summary>
internal static class MetricOperations
{
    public static async Task EvaluateAsync(Call call)
    {
        var body = await call.ReadJsonAsync();
        List<string>? metricIds = null;
        string? conversationId = null;
        string? toInteraction = null;
        if (body is not null)
        {
            var reader = call.Body;
            metricIds = reader.StringList(body, "metric_ids", ["body"], minItems: 1, maxItems: 10, unique: true,
                itemPattern: QueryReader.HexIdPattern);
            conversationId = reader.String(body, "conversation_id", ["body"], pattern: QueryReader.HexIdPattern);
            toInteraction = reader.String(body, "evaluate_to_interaction_id", ["body"], required: false, nullable: true,
                pattern: QueryReader.HexIdPattern);
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        JArray? results = new();
        lock (call.Store.Gate)
        {
            if (!call.Store.Conversations.TryGetValue(conversationId!, out var conversation))
            {
                results = null;
            }
            else if (conversation.Interactions.Count == 0)
            {
                results = [];
            }
            else if (toInteraction is not null && conversation.Interactions.All(i => i.Id != toInteraction))
            {
                results = null;
                conversationId = null;
            }
            else
            {
                foreach (var metricId in metricIds!)
                {
                    var value = call.Store.MetricValues.TryGetValue(metricId, out var set) ? set.DeepClone() : Deterministic(metricId);
                    results.Add(new JObject
                    {
                        ["metric_id"] = metricId,
                        ["value"] = value,
                        ["references"] = new JArray(conversation.Messages.Take(2).Select(m => m.Text.Length > 60 ? m.Text[..60] : m.Text)),
                        ["justification"] = $"Computed by the Amigo emulator from {conversation.Messages.Count} messages.",
                    });
                }
            }
        }

        if (results is null)
        {
            await call.NotFoundAsync(conversationId is null ? "Interaction" : "Conversation");
        }
        else if (results.Count == 0)
        {
            await call.DetailAsync(400, "The conversation has no interactions.");
        }
        else
        {
            await call.WriteJsonAsync(200, new JObject { ["metrics"] = results });
        }
    }

    /// <summary>A value that depends only on the metric id: a number, a boolean, a string or null.</summary>
    internal static JToken Deterministic(string metricId)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(metricId));
        return (hash[0] % 4) switch
        {
            0 => new JValue(Math.Round(hash[1] / 255.0 * 10, 2)),
            1 => new JValue(hash[1] % 2 == 0),
            2 => new JValue(new[] { "excellent", "good", "fair", "poor" }[hash[1] % 4]),
            _ => JValue.CreateNull(),
        };
    }
}
