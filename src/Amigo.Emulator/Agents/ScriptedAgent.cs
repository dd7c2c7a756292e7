using System.Collections.Concurrent;

namespace Amigo.Emulator;

/// <summary>
/// An agent a test scripts: either a queue of replies (used in order across all conversations, then falling back
/// to <see cref="EchoAgent"/>), or a function of the turn.
/// </summary>
public sealed class ScriptedAgent : IEmulatorAgent
{
    private readonly ConcurrentQueue<AgentReply> _replies = new();
    private readonly Func<AgentTurn, CancellationToken, ValueTask<AgentReply>>? _respond;
    private readonly EchoAgent _fallback = new();
    private readonly ConcurrentQueue<AgentTurn> _turns = new();

    /// <summary>An agent that answers with these replies in order, then echoes.</summary>
    /// <param name="replies">The replies.</param>
    public ScriptedAgent(params AgentReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    /// <summary>An agent that computes each reply from the turn.</summary>
    /// <param name="respond">The reply function.</param>
    public ScriptedAgent(Func<AgentTurn, AgentReply> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _respond = (turn, _) => ValueTask.FromResult(respond(turn));
    }

    /// <summary>An agent that computes each reply from the turn, asynchronously (for example, waiting on a test signal).</summary>
    /// <param name="respond">The reply function.</param>
    public ScriptedAgent(Func<AgentTurn, CancellationToken, ValueTask<AgentReply>> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _respond = respond;
    }

    /// <summary>Every turn the agent has seen, in arrival order.</summary>
    public IReadOnlyList<AgentTurn> Turns => [.. _turns];

    /// <summary>Appends a reply to the queue.</summary>
    /// <param name="reply">The reply.</param>
    public void Enqueue(AgentReply reply) => _replies.Enqueue(reply);

    /// <inheritdoc />
    public ValueTask<AgentReply> RespondAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        _turns.Enqueue(turn);
        if (_respond is not null)
        {
            return _respond(turn, cancellationToken);
        }

        return _replies.TryDequeue(out var reply) ? ValueTask.FromResult(reply) : _fallback.RespondAsync(turn, cancellationToken);
    }
}
