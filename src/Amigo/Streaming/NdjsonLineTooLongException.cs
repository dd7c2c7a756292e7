namespace Amigo.Streaming;

/// <summary>Raised by <see cref="NdjsonLineReader"/> when a line exceeds the maximum line length.</summary>
internal sealed class NdjsonLineTooLongException : Exception
{
    public NdjsonLineTooLongException(long lineNumber, int maxLineLength, byte[] prefix)
        : base($"Line {lineNumber} is longer than the maximum line length of {maxLineLength} bytes.")
    {
        LineNumber = lineNumber;
        MaxLineLength = maxLineLength;
        Prefix = prefix;
    }

    /// <summary>The 1-based number of the line that is too long.</summary>
    public long LineNumber { get; }

    /// <summary>The configured maximum line length, in bytes.</summary>
    public int MaxLineLength { get; }

    /// <summary>The first bytes of the line (at most <see cref="LineExcerpt.MaxBytes"/>), to make an excerpt from.</summary>
    public byte[] Prefix { get; }

    /// <summary>A short excerpt of the start of the line.</summary>
    public string Excerpt => LineExcerpt.From(Prefix);
}
