using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Audio;

/// <summary>Synthesizes the emulator's "speech": a short PCM16 tone per character, 16 kHz mono.</summary>
internal static class Pcm
{
    public const int SampleRate = 16_000;
    public const int MillisecondsPerCharacter = 30;

    /// <summary>Audio for <paramref name="text"/>, and its transcript alignment as <c>[milliseconds, character]</c> pairs
    /// starting at <paramref name="startMilliseconds"/>.</summary>
    public static (byte[] Audio, JArray Alignment) Speak(string text, int startMilliseconds)
    {
        var samplesPerCharacter = SampleRate * MillisecondsPerCharacter / 1000;
        var audio = new byte[text.Length * samplesPerCharacter * 2];
        var alignment = new JArray();
        for (var i = 0; i < text.Length; i++)
        {
            alignment.Add(new JArray(startMilliseconds + i * MillisecondsPerCharacter, text[i].ToString()));
            if (char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            var frequency = 180 + text[i] % 32 * 15;
            for (var s = 0; s < samplesPerCharacter; s++)
            {
                var sample = (short)(Math.Sin(2 * Math.PI * frequency * s / SampleRate) * 6000);
                var offset = (i * samplesPerCharacter + s) * 2;
                audio[offset] = (byte)sample;
                audio[offset + 1] = (byte)(sample >> 8);
            }
        }

        return (audio, alignment);
    }

    /// <summary>A mono 16-bit 16 kHz WAV file of <paramref name="text"/>, as the <c>action-too-long</c> filler carries.</summary>
    public static byte[] Wav(string text)
    {
        var (pcm, _) = Speak(text, 0);
        using var stream = new MemoryStream(44 + pcm.Length);
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + pcm.Length);
            writer.Write("WAVE"u8);
            writer.Write("fmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(SampleRate);
            writer.Write(SampleRate * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(pcm.Length);
            writer.Write(pcm);
        }

        return stream.ToArray();
    }
}
