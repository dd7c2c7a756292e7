using System.Buffers.Text;

namespace Amigo;

/// <summary>
/// The filler of an <see cref="Amigo.Generated.ActionTooLongEvent"/>, something to play or show while a slow agent
/// action finishes: either a WAV clip (16 kHz mono PCM16, sent as base64) or plain text.
/// </summary>
public sealed class AgentFiller
{
    private AgentFiller(string? text, byte[]? wavAudio)
    {
        Text = text;
        WavAudio = wavAudio;
    }

    /// <summary>Whether the filler is audio (<see cref="WavAudio"/>) rather than text (<see cref="Text"/>).</summary>
    public bool IsAudio => WavAudio is not null;

    /// <summary>The filler text, when the filler is text; otherwise <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>The complete WAV file (RIFF header included), when the filler is audio; otherwise <see langword="null"/>.</summary>
    public byte[]? WavAudio { get; }

    /// <summary>
    /// Reads a filler value: audio if it is base64 that decodes to a RIFF/WAVE file, text otherwise (so text that
    /// happens to be valid base64 is still text).
    /// </summary>
    /// <param name="filler">The <c>filler</c> property as the server sent it.</param>
    public static AgentFiller Parse(string filler)
    {
        ArgumentNullException.ThrowIfNull(filler);
        const int HeaderLength = 12;
        if (filler.Length >= 16)
        {
            // At most 3 bytes per 4 characters; a string that is not base64 fails to decode.
            var bytes = new byte[filler.Length / 4 * 3];
            if (Convert.TryFromBase64String(filler, bytes, out int written)
                && written >= HeaderLength
                && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8)
                && bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            {
                return new AgentFiller(null, written == bytes.Length ? bytes : bytes.AsSpan(0, written).ToArray());
            }
        }
        return new AgentFiller(filler, null);
    }

    /// <inheritdoc />
    public override string ToString() => IsAudio ? $"WAV audio ({WavAudio!.Length} bytes)" : Text!;
}
