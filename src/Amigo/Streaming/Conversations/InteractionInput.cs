using Amigo.Generated;

namespace Amigo;

/// <summary>
/// What the user sends in one turn of a conversation: text, a voice recording, an external event, or nothing (a
/// skip). Build one with <see cref="Text"/>, <see cref="Voice"/>, <see cref="ExternalEvent"/> or <see cref="Skip"/>,
/// and pass it to <see cref="ConversationsResource.InteractAsync"/>.
/// </summary>
public sealed class InteractionInput
{
    private InteractionInput(InteractionKind kind, string? text, Stream? audio, UserMessageAudioConfig? audioConfig, string? audioFileName)
    {
        Kind = kind;
        TextContent = text;
        Audio = audio;
        AudioConfig = audioConfig;
        AudioFileName = audioFileName;
    }

    /// <summary>The kind of initial message (<c>initial_message_type</c>).</summary>
    public InteractionKind Kind { get; }

    /// <summary>How the message reaches the server (<c>request_format</c>): voice for a recording, text otherwise.</summary>
    public Format RequestFormat => Audio is null ? Format.Text : Format.Voice;

    /// <summary>External events to insert before the message, oldest first (each with the time it happened, in the past).</summary>
    public IReadOnlyList<(string Content, DateTimeOffset Timestamp)> PrecedingExternalEvents { get; private init; } = [];

    internal string? TextContent { get; }

    internal Stream? Audio { get; }

    internal UserMessageAudioConfig? AudioConfig { get; }

    internal string? AudioFileName { get; }

    /// <summary>A text message from the user.</summary>
    /// <param name="message">The message; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="message"/> is empty or white space.</exception>
    public static InteractionInput Text(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(InteractionKind.UserMessage, message, null, null, null);
    }

    /// <summary>
    /// A voice message: <paramref name="audio"/> is uploaded as it is read, never buffered whole. A stream can be read
    /// once, so a voice turn is never retried.
    /// </summary>
    /// <param name="audio">The recording (mp3, or raw PCM described by <paramref name="audioConfig"/>). The caller keeps ownership.</param>
    /// <param name="audioConfig">
    /// The recording's format: <see cref="MP3UserMessageAudioConfig"/>, or <see cref="PCMUserMessageAudioConfig"/> with a frame
    /// rate of 4000–44100, one channel and a sample width of 2 or 4 bytes.
    /// </param>
    /// <param name="fileName">The file name sent with the upload; derived from the format when omitted.</param>
    /// <exception cref="ArgumentException">The stream can't be read, or the audio config breaks the API's rules.</exception>
    public static InteractionInput Voice(Stream audio, UserMessageAudioConfig audioConfig, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(audioConfig);
        if (!audio.CanRead) throw new ArgumentException("The audio stream can't be read.", nameof(audio));
        ValidateAudioConfig(audioConfig);
        fileName ??= audioConfig is MP3UserMessageAudioConfig ? "recorded_message.mp3" : "recorded_message.pcm";
        return new(InteractionKind.UserMessage, null, audio, audioConfig, fileName);
    }

    /// <summary>An external event (something that happened outside the conversation) that the agent responds to.</summary>
    /// <param name="content">What happened; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="content"/> is empty or white space.</exception>
    public static InteractionInput ExternalEvent(string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        return new(InteractionKind.ExternalEvent, content, null, null, null);
    }

    /// <summary>No user message: the agent takes its next turn on its own.</summary>
    public static InteractionInput Skip() => new(InteractionKind.Skip, "", null, null, null);

    /// <summary>Returns this input with an external event inserted before the message. Skips can't carry external events.</summary>
    /// <param name="content">What happened; not empty.</param>
    /// <param name="timestamp">When it happened: in the past, and after earlier events.</param>
    /// <exception cref="ArgumentException">The content is empty, or the timestamps are out of order.</exception>
    /// <exception cref="InvalidOperationException">This input is a skip.</exception>
    public InteractionInput WithExternalEvent(string content, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        if (Kind == InteractionKind.Skip)
            throw new InvalidOperationException("A skip can't carry external events.");
        if (PrecedingExternalEvents.Count > 0 && timestamp < PrecedingExternalEvents[^1].Timestamp)
            throw new ArgumentException("External events must be added oldest first.", nameof(timestamp));
        return new(Kind, TextContent, Audio, AudioConfig, AudioFileName) { PrecedingExternalEvents = [.. PrecedingExternalEvents, (content, timestamp)] };
    }

    /// <summary>Checks a recording's format against the API's rules before anything is sent.</summary>
    /// <exception cref="ArgumentException">The config breaks a rule; the message says which.</exception>
    public static void ValidateAudioConfig(UserMessageAudioConfig audioConfig)
    {
        ArgumentNullException.ThrowIfNull(audioConfig);
        switch (audioConfig)
        {
            case MP3UserMessageAudioConfig:
                return;
            case PCMUserMessageAudioConfig pcm:
                if (pcm.FrameRate is < 4000 or > 44100)
                    throw new ArgumentException($"PCM frame_rate must be between 4000 and 44100 Hz; it is {pcm.FrameRate}.", nameof(audioConfig));
                if (pcm.NChannels != 1)
                    throw new ArgumentException($"PCM audio must have n_channels 1 (mono); it has {pcm.NChannels}.", nameof(audioConfig));
                if (pcm.SampleWidth is not (2 or 4))
                    throw new ArgumentException($"PCM sample_width must be 2 or 4 bytes; it is {pcm.SampleWidth}.", nameof(audioConfig));
                return;
            default:
                throw new ArgumentException($"The audio config must be MP3 or PCM, not '{audioConfig.Type}'.", nameof(audioConfig));
        }
    }
}
