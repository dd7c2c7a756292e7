namespace Amigo.Emulator;

/// <summary>
/// The emulated agent: given a turn, it decides what the agent says (and, optionally, which actions it reports).
/// The emulator turns the reply into the full event sequence. Implementations may be called concurrently for
/// different conversations.
/// </summary>
public interface IEmulatorAgent
{
    /// <summary>Produces the agent's reply to one turn.</summary>
    /// <param name="turn">What happened: the greeting on create, or the user's message, external event or skip.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away or the emulator stops.</param>
    /// <returns>The reply. Throwing makes the emulator send an <c>ErrorEvent</c> (500) before <c>interaction-complete</c>.</returns>
    ValueTask<AgentReply> RespondAsync(AgentTurn turn, CancellationToken cancellationToken);
}

/// <summary>What the agent is replying to.</summary>
public enum AgentTurnKind
{
    /// <summary>The conversation was just created without an initial message: the agent speaks first.</summary>
    Greeting,

    /// <summary>A user message (text, or the transcript of a voice message).</summary>
    UserMessage,

    /// <summary>An external event message.</summary>
    ExternalEvent,

    /// <summary>The user skipped their turn.</summary>
    Skip,
}

/// <summary>One turn of a conversation, as seen by an <see cref="IEmulatorAgent"/>.</summary>
public sealed class AgentTurn
{
    /// <summary>The conversation id.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The id of the user who owns the conversation.</summary>
    public required string UserId { get; init; }

    /// <summary>The service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>What the agent replies to.</summary>
    public required AgentTurnKind Kind { get; init; }

    /// <summary>The user's message or external event text (the transcript for voice); empty for greetings and skips.</summary>
    public required string Message { get; init; }

    /// <summary>0 for the reply streamed by create-conversation, then 1, 2, ... for each interaction.</summary>
    public required int TurnIndex { get; init; }

    /// <summary><c>text</c> or <c>voice</c>: the response format the client asked for.</summary>
    public required string ResponseFormat { get; init; }

    /// <summary>External event messages sent before the message, in order.</summary>
    public IReadOnlyList<string> ExternalEvents { get; init; } = [];

    /// <summary>The dynamic behavior set whose trigger matched this turn, if any.</summary>
    public string? TriggeredDynamicBehaviorSetId { get; init; }
}

/// <summary>What the agent says in one turn.</summary>
public sealed class AgentReply
{
    /// <summary>The full agent message.</summary>
    public required string Message { get; init; }

    /// <summary>How the message is split into <c>new-message</c> events; null splits it every few words.
    /// When set, the pieces must concatenate to <see cref="Message"/>.</summary>
    public IReadOnlyList<string>? Pieces { get; init; }

    /// <summary>The nested <c>action</c> objects of the <c>current-agent-action</c> events, in order (see
    /// <see cref="AgentActions"/>); null uses a realistic default sequence that includes <c>action-too-long</c>.</summary>
    public IReadOnlyList<Newtonsoft.Json.Linq.JObject>? Actions { get; init; }

    /// <summary>Whether the conversation ends with this turn (<c>conversation_completed</c>).</summary>
    public bool ConversationCompleted { get; init; }

    /// <summary>A reply with default actions.</summary>
    /// <param name="message">The agent message.</param>
    public static AgentReply Say(string message) => new() { Message = message };
}
