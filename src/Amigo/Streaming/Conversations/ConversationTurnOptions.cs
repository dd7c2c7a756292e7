using Amigo.Generated;

namespace Amigo;

/// <summary>How one conversation turn (create or interact) is requested and read.</summary>
public sealed class ConversationTurnOptions
{
    /// <summary>Whether the agent answers in text (the default) or voice (base64 PCM16 in each <see cref="NewMessageEvent"/>).</summary>
    public Format ResponseFormat { get; set; } = Format.Text;

    /// <summary>
    /// A regular expression for the <c>current_agent_action_type</c>s to receive (<c>current_agent_action_type</c>).
    /// Null receives all; <c>^$</c> receives none. It is checked to be a valid expression before sending.
    /// </summary>
    public string? AgentActionTypeFilter { get; set; }

    /// <summary>The stream's idle timeout, line limit and error-event policy; null uses the client's defaults.</summary>
    public AmigoStreamOptions? Stream { get; set; }
}
