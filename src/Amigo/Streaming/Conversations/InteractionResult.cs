using Amigo.Generated;

namespace Amigo;

/// <summary>What one conversation turn produced, gathered by <see cref="ConversationEventStream.CollectAsync(CancellationToken)"/>.</summary>
public sealed class InteractionResult
{
    internal InteractionResult(
        InteractionCompleteEvent completion,
        string? conversationId,
        UserMessageAvailableEvent? userMessage,
        IReadOnlyList<ConversationAction> agentActions,
        byte[]? audio,
        IReadOnlyList<TranscriptAlignmentPoint> transcriptAlignment,
        IReadOnlyList<ErrorEvent> errors,
        IReadOnlyList<ConversationEvent> unknownEvents,
        IReadOnlyList<ConversationEvent> eventsAfterCompletion)
    {
        AgentMessage = completion.FullMessage ?? "";
        // A server that drifts from the spec may leave these out (see AmigoDecodeIssues): never null here.
        MessageId = completion.MessageId ?? "";
        InteractionId = completion.InteractionId ?? "";
        ConversationCompleted = completion.ConversationCompleted;
        ConversationId = conversationId;
        UserMessage = userMessage?.UserMessage;
        UserMessageId = userMessage?.MessageId;
        AgentActions = agentActions;
        Audio = audio;
        TranscriptAlignment = transcriptAlignment;
        Errors = errors;
        UnknownEvents = unknownEvents;
        EventsAfterCompletion = eventsAfterCompletion;
    }

    /// <summary>The agent's full message: its text, or the transcript of a voice reply.</summary>
    public string AgentMessage { get; }

    /// <summary>The id of the agent's message.</summary>
    public string MessageId { get; }

    /// <summary>The id of this interaction.</summary>
    public string InteractionId { get; }

    /// <summary>Whether the conversation ended automatically after this interaction.</summary>
    public bool ConversationCompleted { get; }

    /// <summary>The id of the new conversation (create-conversation only; <see langword="null"/> otherwise).</summary>
    public string? ConversationId { get; }

    /// <summary>The user's message as the server understood it (the transcript for voice), if the stream reported it.</summary>
    public string? UserMessage { get; }

    /// <summary>The id of the user's message, if the stream reported it.</summary>
    public string? UserMessageId { get; }

    /// <summary>The agent actions the stream reported, in order (empty without the insights permission or with a filter).</summary>
    public IReadOnlyList<ConversationAction> AgentActions { get; }

    /// <summary>For voice replies, the agent's audio as raw PCM16 bytes, in order; <see langword="null"/> for text replies.</summary>
    public byte[]? Audio { get; }

    /// <summary>For voice replies, when each character of the transcript is spoken; empty for text replies.</summary>
    public IReadOnlyList<TranscriptAlignmentPoint> TranscriptAlignment { get; }

    /// <summary>
    /// Error events received after <c>interaction-complete</c> when <see cref="AmigoStreamOptions.YieldErrorEvents"/>
    /// is set: the interaction was saved but post-processing failed (call finish-conversation to retry it).
    /// </summary>
    public IReadOnlyList<ErrorEvent> Errors { get; }

    /// <summary>Events of types this SDK does not know (from a newer server), with their raw JSON.</summary>
    public IReadOnlyList<ConversationEvent> UnknownEvents { get; }

    /// <summary>
    /// Events that came after the turn's first <c>interaction-complete</c> other than error events (for example a
    /// second <c>interaction-complete</c>). The API sends none; they are not part of this result, which reflects
    /// the first completion.
    /// </summary>
    public IReadOnlyList<ConversationEvent> EventsAfterCompletion { get; }
}
