namespace Amigo.Emulator;

/// <summary>The default agent: greets, then echoes what it hears with a little personality. Deterministic.</summary>
public sealed class EchoAgent : IEmulatorAgent
{
    private static readonly string[] Quips =
    [
        "Tell me more!",
        "I could talk about this all day.",
        "That's a good one.",
        "Noted, with enthusiasm.",
        "Fascinating, truly.",
    ];

    /// <inheritdoc />
    public ValueTask<AgentReply> RespondAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var message = turn.Kind switch
        {
            AgentTurnKind.Greeting => "Hello! I'm Amigo, an emulated agent. What would you like to talk about today?",
            AgentTurnKind.UserMessage => $"You said: \"{turn.Message}\". {Quips[turn.TurnIndex % Quips.Length]}",
            AgentTurnKind.ExternalEvent => $"I noticed an event: \"{turn.Message}\". I'll keep that in mind.",
            _ => "Take your time, I'm here whenever you're ready.",
        };
        return ValueTask.FromResult(AgentReply.Say(message));
    }
}
