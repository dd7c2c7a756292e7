using System.Text;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;

namespace Amigo.Tests.Streaming;

[TestFixture]
public class EventStreamDeliveryTests
{
    [Test]
    public async Task NothingIsSentUntilEnumerationStarts()
    {
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Done);
        });
        using var client = server.CreateClient();
        int sends = 0;

        var stream = TestEvent.Stream(client, onSend: () => sends++);
        await using var enumerator = stream.GetAsyncEnumerator();

        Assert.That((sends, server.Requests), Is.EqualTo((0, 0)));
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        Assert.That((sends, server.Requests), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task TheFirstEventArrivesWhileTheServerIsStillWaitingToWriteTheRest()
    {
        var release = new Signal("release");
        var serverDone = new Signal("server done");
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(1));
            await release.WaitAsync(context.RequestAborted);
            await context.Response.WriteLineAndFlushAsync(TestEvent.Line(2));
            await context.Response.WriteLineAndFlushAsync(TestEvent.Done);
            serverDone.Set();
        });
        using var client = server.CreateClient();
        await using var events = TestEvent.Stream(client).GetAsyncEnumerator();

        Assert.That(await events.MoveNextAsync(), Is.True);
        Assert.That(events.Current.N, Is.EqualTo(1));
        Assert.That(serverDone.IsSet, Is.False, "the first event must arrive before the server writes the rest");

        release.Set();
        Assert.That(await events.MoveNextAsync(), Is.True);
        Assert.That(events.Current.N, Is.EqualTo(2));
        Assert.That(await events.MoveNextAsync(), Is.True);
        Assert.That(events.Current.Type, Is.EqualTo("done"));
        Assert.That(await events.MoveNextAsync(), Is.False);
    }

    [Test]
    public async Task ChunksSplitInsideJsonValuesAndUtf8SequencesWithCrLfBlankLinesAndNoFinalNewline()
    {
        const string first = "{\"type\":\"item\",\"n\":1,\"text\":\"h€llo 👋 wörld\"}";
        byte[] body = Encoding.UTF8.GetBytes(first + "\r\n\r\n\n{\"type\":\"item\",\"n\":2,\"text\":\"second\"}\n" + TestEvent.Done);
        int euro = Array.IndexOf(body, (byte)0xE2);
        int wave = Array.IndexOf(body, (byte)0xF0);
        int umlaut = Array.IndexOf(body, (byte)0xC3);
        int cr = Array.IndexOf(body, (byte)'\r');
        int inKey = Encoding.UTF8.GetByteCount(first) + 8;
        int[] cuts = [5, euro + 1, euro + 2, wave + 1, wave + 3, umlaut + 1, cr + 1, cr + 3, inKey, body.Length - 4];

        var probe = new ClientReadProbe();
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            await context.Response.StartNdjsonAsync();
            int from = 0;
            foreach (int cut in cuts.Append(body.Length))
            {
                await context.Response.WriteAndFlushAsync(body.AsMemory(from, cut - from));
                // Wait until the client has consumed this chunk, so no client read can span two chunks.
                await probe.WaitForBytesAsync(cut);
                from = cut;
            }
        });
        using var client = server.CreateClient(probe);

        var events = new List<TestEvent>();
        await foreach (var e in TestEvent.Stream(client))
        {
            events.Add(e);
        }

        Assert.That(events.Select(e => (e.Type, e.N, e.Text)), Is.EqualTo(new[]
        {
            ("item", 1, (string?)"h€llo 👋 wörld"), ("item", 2, "second"), ("done", 0, null),
        }));
    }

    [Test]
    public async Task A200000EventStreamKeepsMemoryFlat()
    {
        const int total = 200_000;
        string text = new('x', 150);
        await using var server = await StreamingTestServer.StartAsync(async context =>
        {
            int count = int.Parse(context.Request.Query["count"]!);
            await context.Response.StartNdjsonAsync();
            var batch = new StringBuilder();
            for (int n = 1; n <= count; n++)
            {
                batch.Append("{\"type\":\"item\",\"n\":").Append(n).Append(",\"text\":\"").Append(text).Append("\"}\n");
                if (n % 200 == 0 || n == count)
                {
                    await context.Response.WriteAndFlushAsync(Encoding.UTF8.GetBytes(batch.ToString()));
                    batch.Clear();
                }
            }
            await context.Response.WriteLineAndFlushAsync(TestEvent.Done);
        });
        using var client = server.CreateClient();

        // Warm up (JIT, connection pool) so the baseline holds everything a steady stream needs.
        await foreach (var _ in TestEvent.Stream(client, path: "stream?count=1000")) { }

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long maxGrowth = 0;
        long received = 0;
        long lastN = 0;
        await foreach (var e in TestEvent.Stream(client, path: $"stream?count={total}"))
        {
            received++;
            if (e.Type == "item")
            {
                Assert.That(e.N, Is.EqualTo(lastN + 1));
                lastN = e.N;
            }
            if (received % 20_000 == 0)
            {
                maxGrowth = Math.Max(maxGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.That(received, Is.EqualTo(total + 1));
        // The body is ~35 MB: a reader that buffered it, or kept its events, would grow by far more than this.
        Assert.That(maxGrowth, Is.LessThan(8L * 1024 * 1024), $"memory grew by {maxGrowth:N0} bytes");
        TestContext.Out.WriteLine($"max heap growth during the stream: {maxGrowth:N0} bytes");
    }
}
