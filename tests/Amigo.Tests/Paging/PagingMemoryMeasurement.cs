using System.Diagnostics;
using System.Net;
using System.Text;
using Amigo.Tests.Resources;
using Amigo.Tests.Support;

namespace Amigo.Tests.Paging;

/// <summary>
/// A measurement, not a test: walks a long list and reports the managed heap after full collections at several points
/// of the walk. Run it on demand (<c>--filter FullyQualifiedName~PagingMemoryMeasurement</c>); results are in docs/paging-memory.md.
/// </summary>
[TestFixture]
[Explicit("A measurement; run on demand.")]
public sealed class PagingMemoryMeasurement
{
    [Test]
    public async Task HeapStaysFlat_OverALongWalk()
    {
        const int pages = 2000;
        const int perPage = 150;
        var pageBodies = Enumerable.Range(0, 4).Select(variant => Encoding.UTF8.GetBytes(Samples.Page(
            "conversations",
            Enumerable.Range(0, perPage).Select(i => Samples.Conversation(Samples.Id(variant * perPage + i))),
            true,
            0))).ToArray();

        // No log capture: it would keep every log line of the walk.
        using var api = new RecordingApi(o => o.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        api.Responder = (request, _) =>
        {
            var token = int.Parse(request.QueryPairs.Where(p => p.Name == "continuation_token").Select(p => p.Value).DefaultIfEmpty("0").Single());
            var body = Encoding.UTF8.GetString(pageBodies[token % 4]);
            var next = token + 1;
            body = body.Replace("\"has_more\":true,\"continuation_token\":0", next < pages ? $"\"has_more\":true,\"continuation_token\":{next}" : "\"has_more\":false,\"continuation_token\":null");
            return Task.FromResult(AmigoTestHost.Json(HttpStatusCode.OK, body));
        };

        // Keep the recorded requests from growing with the walk: this measures the pageable, not the fake server.
        var samples = new List<(int Page, long Heap)>();
        var items = 0L;
        var page = 0;
        var stopwatch = Stopwatch.StartNew();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await foreach (var p in api.Client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = perPage }).AsPages())
        {
            items += p.Items.Count;
            page++;
            api.Requests.Clear();
            if (page is 10 or 100 or 500 or 1000 or 1500 or pages)
            {
                samples.Add((page, GC.GetTotalMemory(forceFullCollection: true)));
            }
        }

        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Out.WriteLine($"{pages} pages x {perPage} conversations = {items} items in {stopwatch.Elapsed.TotalSeconds:0.0} s; allocated {allocated / pages / 1024.0:0} KiB per page (fake server included)");
        foreach (var (at, heap) in samples)
        {
            TestContext.Out.WriteLine($"after page {at,5}: managed heap {heap / 1024.0 / 1024.0:0.00} MiB");
        }

        Assert.That(items, Is.EqualTo((long)pages * perPage));
    }
}
