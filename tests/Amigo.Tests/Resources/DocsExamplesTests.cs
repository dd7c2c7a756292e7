using System.Net;
using Amigo.Generated;
using Amigo.Tests.Support;

namespace Amigo.Tests.Resources;

/// <summary>The examples of docs/operations.md, compiled and run against a fake server.</summary>
[TestFixture]
public sealed class DocsExamplesTests
{
    [Test]
    public async Task PagingExample()
    {
        using var api = new RecordingApi();
        api.Responder = (request, _) => Task.FromResult(AmigoTestHost.Json(HttpStatusCode.OK, request.Path.EndsWith("/conversation/", StringComparison.Ordinal)
            ? Samples.Page("conversations", [Samples.Conversation(Samples.Id(1))], false, null)
            : request.Query.Contains("continuation_token=3")
                ? Samples.Page("dynamic_behavior_sets", [Samples.Set(Samples.Id(2))], false, null, ""","filter_values":null""")
                : Samples.Page("dynamic_behavior_sets", [Samples.Set(Samples.Id(1))], true, 3, ""","filter_values":{"applied_to_services_ids":[],"creators":[],"tags":["area"]}""")));
        var client = api.Client;
        var cancellationToken = CancellationToken.None;
        var output = new StringWriter();
        var Console = new { WriteLine = (Action<string>)output.WriteLine };

        // --- docs/operations.md: Paging ---
        var recent = new GetConversationsOptions
        {
            IsFinished = false,
            Tag = ["team:blue"],
            SortBy = ["-created_at"],
        };
        await foreach (var conversation in client.Conversations.GetConversationsAsync(recent).WithCancellation(cancellationToken))
        {
            Console.WriteLine($"{conversation.Id} {conversation.CreatedAt:u}");
        }

        int? saved = null;
        await foreach (var page in client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync().AsPages(pageSizeHint: 20))
        {
            if (page.Response.FilterValues is { } values)
            {
                Console.WriteLine($"tag keys in use: {string.Join(", ", values.Tags)}");
            }

            Console.WriteLine($"{page.Items.Count} sets, more: {page.HasMore}");
            saved = page.ContinuationToken;
            break;
        }

        if (saved is not null)
        {
            await foreach (var page in client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync().AsPages(continuationToken: saved))
            {
                Console.WriteLine($"resumed: {page.Items.Count} sets, more: {page.HasMore}");
            }
        }
        // --- end ---

        Assert.That(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            $"{Samples.Id(1)} 2025-01-02 03:04:05Z",
            "tag keys in use: area",
            "1 sets, more: True",
            "resumed: 1 sets, more: False",
        }));
        Assert.That(api.Requests.Select(r => r.Query), Is.EqualTo(new[]
        {
            "?is_finished=false&sort_by=-created_at&tag=team%3Ablue",
            "?limit=20",
            "?continuation_token=3",
        }));
    }

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
