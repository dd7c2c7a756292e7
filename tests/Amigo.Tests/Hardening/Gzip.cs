using System.IO.Compression;
using System.Text;

namespace Amigo.Tests.Hardening;

/// <summary>gzip bodies for the hostile servers: well-formed ones flushed piece by piece, and corrupt ones.</summary>
internal static class Gzip
{
    /// <summary>The gzip stream of <paramref name="lines"/>, split after each line (sync-flushed) so each piece can be sent on its own.</summary>
    public static List<byte[]> Pieces(params string[] lines)
    {
        var output = new MemoryStream();
        var pieces = new List<byte[]>();
        using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        var sent = 0;
        foreach (var line in lines)
        {
            gzip.Write(Encoding.UTF8.GetBytes(line + "\n"));
            gzip.Flush();
            pieces.Add(output.GetBuffer()[sent..(int)output.Length]);
            sent = (int)output.Length;
        }

        return pieces;
    }

    /// <summary>The whole gzip of <paramref name="text"/>.</summary>
    public static byte[] Compress(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    /// <summary>Bytes no deflate decoder accepts after a valid start (an invalid block type).</summary>
    public static readonly byte[] Garbage = [.. Enumerable.Repeat((byte)0xFF, 64)];
}
