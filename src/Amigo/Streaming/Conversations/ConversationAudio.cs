using Amigo.Generated;

namespace Amigo;

/// <summary>Helpers for the audio in voice conversation events.</summary>
public static class ConversationAudio
{
    /// <summary>
    /// Decodes a voice reply piece (<see cref="NewMessageEvent.Message"/>, base64) to its raw PCM16 bytes.
    /// </summary>
    /// <param name="newMessage">A <c>new-message</c> event of a stream with <c>response_format</c> voice.</param>
    /// <exception cref="AmigoException">The message is not base64 (for example, the reply is text).</exception>
    public static byte[] GetAudioBytes(this NewMessageEvent newMessage)
    {
        ArgumentNullException.ThrowIfNull(newMessage);
        try
        {
            return Convert.FromBase64String(newMessage.Message ?? "");
        }
        catch (FormatException ex)
        {
            throw new AmigoException(
                $"The new-message event (message {newMessage.MessageId}, piece {newMessage.SequenceNumber}) does not carry " +
                "base64 audio; was the response format text?", ex);
        }
    }

    /// <summary>
    /// The piece's <c>transcript_alignment</c> as (milliseconds, character) points; empty when the piece has none
    /// (text replies, or audio whose alignment came with an earlier piece).
    /// </summary>
    /// <param name="newMessage">A <c>new-message</c> event.</param>
    public static IReadOnlyList<TranscriptAlignmentPoint> GetTranscriptAlignment(this NewMessageEvent newMessage)
    {
        ArgumentNullException.ThrowIfNull(newMessage);
        var alignment = newMessage.TranscriptAlignment;
        if (alignment is null || alignment.Count == 0)
        {
            return [];
        }
        var points = new List<TranscriptAlignmentPoint>(alignment.Count);
        foreach (var point in alignment)
        {
            if (point is not null)
            {
                points.Add(new TranscriptAlignmentPoint(point.Item1, point.Item2 ?? ""));
            }
        }
        return points;
    }

    /// <summary>Reads an action-too-long filler: WAV audio to play, or text to show.</summary>
    /// <param name="actionTooLong">The agent action.</param>
    public static AgentFiller GetFiller(this ActionTooLongEvent actionTooLong)
    {
        ArgumentNullException.ThrowIfNull(actionTooLong);
        return AgentFiller.Parse(actionTooLong.Filler ?? "");
    }
}
