// Requires: GetConversationsOptions.Tag
using System.Net;
using Amigo.Generated;
using Amigo.Tests.Support;

namespace Amigo.Tests.Resources;

/// <summary>docs/operations.md's paging example, which filters by tag: only the newest spec release has the filter.</summary>
public sealed partial class DocsExamplesTests
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
}
