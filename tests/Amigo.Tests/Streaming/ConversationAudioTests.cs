using System.Text;
using Amigo.Generated;

namespace Amigo.Tests.Streaming;

[TestFixture]
public class ConversationAudioTests
{
    private static byte[] Wav(int samples)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        int dataLength = samples * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataLength);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(16_000);
        writer.Write(32_000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataLength);
        for (int i = 0; i < samples; i++)
        {
            writer.Write((short)(i * 100));
        }
        writer.Flush();
        return stream.ToArray();
    }

    [Test]
    public void ABase64WavFillerIsAudio()
    {
        byte[] wav = Wav(100);

        var filler = new ActionTooLongEvent { Filler = Convert.ToBase64String(wav) }.GetFiller();

        Assert.That(filler.IsAudio, Is.True);
        Assert.That(filler.WavAudio, Is.EqualTo(wav));
        Assert.That(filler.Text, Is.Null);
    }

    [TestCase("One moment while I look that up.")]
    [TestCase("Justaminuteplease")]
    [TestCase("abcdabcdabcdabcdabcdabcd")]
    [TestCase("")]
    public void TextIsTextEvenWhenItHappensToBeValidBase64(string text)
    {
        var filler = new ActionTooLongEvent { Filler = text }.GetFiller();

        Assert.That(filler.IsAudio, Is.False);
        Assert.That(filler.Text, Is.EqualTo(text));
        Assert.That(filler.WavAudio, Is.Null);
    }

    [Test]
    public void Base64OfSomethingOtherThanWavIsText()
    {
        string notWav = Convert.ToBase64String(Encoding.ASCII.GetBytes("RIFFxxxxAVI LIST and more bytes"));

        Assert.That(AgentFiller.Parse(notWav).IsAudio, Is.False);
    }

    [Test]
    public void AVoicePieceDecodesToItsPcmBytes()
    {
        byte[] pcm = [0x10, 0x00, 0xF0, 0xFF];

        var bytes = new NewMessageEvent { Message = Convert.ToBase64String(pcm), MessageId = "m" }.GetAudioBytes();

        Assert.That(bytes, Is.EqualTo(pcm));
    }

    [Test]
    public void DecodingATextPieceAsAudioFailsWithAClearError()
    {
        var error = Assert.Throws<AmigoException>(() =>
            new NewMessageEvent { Message = "Hello there!", MessageId = "m1", SequenceNumber = 3 }.GetAudioBytes());

        Assert.That(error!.Message, Does.Contain("m1").And.Contain("text"));
    }

    [Test]
    public void TranscriptAlignmentIsMillisecondsThenCharacterAsTheSchemaSays()
    {
        var piece = Newtonsoft.Json.JsonConvert.DeserializeObject<ConversationEvent>(
            """{"type":"new-message","message":"AAA=","transcript_alignment":[[0,"H"],[85,"é"]],"stop":false,"sequence_number":0,"message_id":"m"}""",
            AmigoJsonSettings.Create());

        var points = ((NewMessageEvent)piece!).GetTranscriptAlignment();

        Assert.That(points, Is.EqualTo(new[] { new TranscriptAlignmentPoint(0, "H"), new TranscriptAlignmentPoint(85, "é") }));
    }

    [Test]
    public void APieceWithoutAlignmentHasNoPoints()
    {
        Assert.That(new NewMessageEvent { Message = "AAA=", TranscriptAlignment = null }.GetTranscriptAlignment(), Is.Empty);
    }
}
