using System.Net;
using Amigo.Generated;
using Amigo.Tests.Support;

namespace Amigo.Tests.Resources;

/// <summary>The examples of docs/operations.md, compiled and run against a fake server.</summary>
[TestFixture]
public sealed partial class DocsExamplesTests
{
    [Test]
    public async Task UpdateAndMetricsExamples()
    {
        using var api = new RecordingApi();
        api.Responder = (request, _) => Task.FromResult(request.Path.EndsWith("/metric/evaluate", StringComparison.Ordinal)
            ? AmigoTestHost.Json(HttpStatusCode.OK, """
                {"metrics":[{"metric_id":"p","value":0.8,"references":[],"justification":"Polite."},
                            {"metric_id":"r","value":false,"references":[],"justification":"Unresolved."},
                            {"metric_id":"n","value":null,"references":[],"justification":"No data."}]}
                """)
            : new HttpResponseMessage(HttpStatusCode.NoContent));
        var client = api.Client;
        var setId = RecordingApi.SetId;
        var conversationId = RecordingApi.ConversationId;
        var (politenessId, resolvedId) = (RecordingApi.MetricA, RecordingApi.MetricB);
        var output = new StringWriter();
        var Console = new { WriteLine = (Action<string>)output.WriteLine };

        // --- docs/operations.md: Updates ---
        await client.DynamicBehaviorSets.UpdateAsync(setId, new DynamicBehaviorSetUpdate { Name = "Refunds", Tags = null });

        // --- docs/operations.md: metric values ---
        foreach (var result in await client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [politenessId, resolvedId], ConversationId = conversationId }))
        {
            var text = result.Value.Kind switch
            {
                MetricValueKind.Number => $"{result.Value.AsNumber():0.##}",
                MetricValueKind.Boolean => result.Value.AsBoolean() == true ? "yes" : "no",
                MetricValueKind.String => result.Value.AsString(),
                _ => "n/a",
            };
            Console.WriteLine($"{result.MetricId}: {text} ({result.Justification})");
        }
        // --- end ---

        Assert.That(api.Requests.First().Body, Is.EqualTo("""{"name":"Refunds","tags":null}"""));
        Assert.That(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "p: 0.8 (Polite.)", "r: no (Unresolved.)", "n: n/a (No data.)",
        }));
    }
}
