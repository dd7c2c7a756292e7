using System.Text;
using Amigo.Streaming;

namespace Amigo.Tests.Streaming;

[TestFixture]
public class NdjsonLineReaderTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static async Task<List<(long Line, string Text)>> ReadAllAsync(NdjsonLineReader reader)
    {
        var lines = new List<(long, string)>();
        while (await reader.ReadLineAsync())
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.CurrentLine.Span)));
        }
        return lines;
    }

    [Test]
    public async Task SplitsOnLfAndCrLfAndSkipsBlankLinesButCountsThem()
    {
        using var reader = new NdjsonLineReader(new ChunkedStream(Utf8("{\"a\":1}\r\n\n  \r\n{\"b\":2}\n\r\n{\"c\":3}\n")));

        var lines = await ReadAllAsync(reader);

        Assert.That(lines, Is.EqualTo(new[] { (1L, "{\"a\":1}"), (4L, "{\"b\":2}"), (6L, "{\"c\":3}") }));
    }

    [Test]
    public async Task ReturnsAFinalLineWithoutNewline()
    {
        using var reader = new NdjsonLineReader(new ChunkedStream(Utf8("{\"a\":1}\n{\"b\":2}")));

        var lines = await ReadAllAsync(reader);

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "{\"a\":1}", "{\"b\":2}" }));
    }

    [Test]
    public async Task JoinsALineSplitInsideAMultiByteCharacterAndBetweenCrAndLf()
    {
        byte[] all = Utf8("{\"text\":\"h€llo 👋\"}\r\n{\"x\":1}\n");
        int euro = Array.IndexOf(all, (byte)0xE2);
        int wave = Array.IndexOf(all, (byte)0xF0);
        int cr = Array.IndexOf(all, (byte)'\r');
        var chunks = new[]
        {
            all[..(euro + 1)], all[(euro + 1)..(euro + 2)], all[(euro + 2)..(wave + 2)],
            all[(wave + 2)..(cr + 1)], all[(cr + 1)..],
        };
        var stream = new ChunkedStream(chunks);
        using var reader = new NdjsonLineReader(stream);

        var lines = await ReadAllAsync(reader);

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "{\"text\":\"h€llo 👋\"}", "{\"x\":1}" }));
        Assert.That(stream.ReadCount, Is.GreaterThanOrEqualTo(chunks.Length));
    }

    [Test]
    public async Task HandsOutEachLineAsSoonAsItsNewlineArrivesWithoutReadingAhead()
    {
        var stream = new ChunkedStream(Utf8("{\"a\":1}\n"), Utf8("{\"b\":2}\n"));
        using var reader = new NdjsonLineReader(stream);

        Assert.That(await reader.ReadLineAsync(), Is.True);

        Assert.That(stream.ReadCount, Is.EqualTo(1), "the first line must come from the first read alone");
    }

    [Test]
    public async Task ReadsOneByteChunksAndLinesLongerThanTheInitialBuffer()
    {
        string longValue = new('x', 100_000);
        byte[] all = Utf8($"{{\"v\":\"{longValue}\"}}\n{{\"w\":\"é\"}}\n");
        using var reader = new NdjsonLineReader(new ChunkedStream(all.Select(b => new[] { b }).ToArray()));

        var lines = await ReadAllAsync(reader);

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { $"{{\"v\":\"{longValue}\"}}", "{\"w\":\"é\"}" }));
    }

    [Test]
    public void ALineOverTheMaximumFailsWithTheLineNumberBeforeItIsBuffered()
    {
        // The stream never ends: a reader that buffered the whole line would never return.
        var endless = new RepeatingStream(Utf8("{\"ok\":1}\n"), Utf8(new string('y', 1024)));
        using var reader = new NdjsonLineReader(endless, maxLineLength: 64 * 1024);

        var error = Assert.ThrowsAsync<NdjsonLineTooLongException>(async () => await ReadAllAsync(reader));

        Assert.That(error!.LineNumber, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("65536"));
        Assert.That(error.Excerpt, Does.StartWith("yyyy").And.EndWith("…"));
        Assert.That(error.Excerpt.Length, Is.LessThanOrEqualTo(LineExcerpt.MaxChars + 1));
        Assert.That(endless.BytesServed, Is.LessThan(64 * 1024 + 64 * 1024));
    }

    [Test]
    public async Task ALineOfExactlyTheMaximumIsAcceptedWithCrLf()
    {
        string line = new('z', 100);
        using var reader = new NdjsonLineReader(new ChunkedStream(Utf8(line + "\r"), Utf8("\n")), maxLineLength: 100);

        var lines = await ReadAllAsync(reader);

        Assert.That(lines.Single().Text, Is.EqualTo(line));
    }

    [Test]
    public void ATerminatedLineOneByteOverTheMaximumFails()
    {
        using var reader = new NdjsonLineReader(new ChunkedStream(Utf8(new string('z', 101) + "\n")), maxLineLength: 100);

        Assert.ThrowsAsync<NdjsonLineTooLongException>(async () => await ReadAllAsync(reader));
    }

    /// <summary>Serves a prefix once, then repeats a block forever.</summary>
    [Test]
    public void ReadingLinesAllocatesNothingPerLine()
    {
        // 2,000 lines of ~200 bytes, read from memory: every read completes at once, so all that is measured is the
        // reader's own work. After the first lines (the buffer is rented), no line may allocate: no string, no array,
        // no boxed state machine, whether the line was already buffered or needed a read.
        var line = "{\"type\":\"new-message\",\"message\":\"" + new string('x', 150) + "\",\"message_id\":\"m1\"}\n";
        var body = Utf8(string.Concat(Enumerable.Repeat(line, 2_000)));
        using var reader = new NdjsonLineReader(new MemoryStream(body));
        for (int i = 0; i < 100; i++)
        {
            Assert.That(ReadLine(reader), Is.True);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int lines = 0;
        while (ReadLine(reader))
        {
            lines++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(lines, Is.EqualTo(1_900));
        // The smallest object is 24 bytes, so less than a byte a line means no line allocated anything. The only
        // allowance is for the reads themselves (one per 64 KiB buffer, six here): the netstandard2.0 build's
        // Stream.ReadAsync(Memory<byte>) wraps the array overload and its Task; on net8.0 and later they are free.
        Assert.That(allocated, Is.LessThan(lines), $"{allocated} bytes over {lines} lines");

        static bool ReadLine(NdjsonLineReader reader)
        {
            if (reader.TryReadBufferedLine(out bool hasLine))
            {
                return hasLine;
            }
            var read = reader.ReadLineAsync();
            // Not an Assert here: NUnit's constraints would allocate inside the measurement.
            return read.IsCompletedSuccessfully ? read.Result : throw new InvalidOperationException("a read from memory did not complete at once");
        }
    }

    private sealed class RepeatingStream(byte[] prefix, byte[] block) : Stream
    {
        public long BytesServed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var source = BytesServed == 0 ? prefix : block;
            int n = Math.Min(count, source.Length);
            source.AsSpan(0, n).CopyTo(buffer.AsSpan(offset));
            BytesServed += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
