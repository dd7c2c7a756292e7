namespace Amigo;

/// <summary>
/// One entry of a voice reply's <c>transcript_alignment</c>: a character of the transcript and when it is spoken.
/// The API sends each entry as a JSON array <c>[milliseconds, character]</c> (integer first, per the schema).
/// </summary>
/// <param name="Milliseconds">Milliseconds since the start of the message's audio.</param>
/// <param name="Character">The character spoken at that time.</param>
public readonly record struct TranscriptAlignmentPoint(int Milliseconds, string Character)
{
    /// <summary>The same time as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Offset => TimeSpan.FromMilliseconds(Milliseconds);
}
