namespace Amigo;

/// <summary>
/// What kind of initial message a turn sends (<c>initial_message_type</c> of <c>interact-with-conversation</c>). The
/// client's own type, so it does not depend on whether a release of the spec describes the request body.
/// </summary>
public enum InteractionKind
{
    /// <summary>A message from the user, text or voice (<c>user-message</c>).</summary>
    UserMessage,

    /// <summary>An external event (<c>external-event</c>).</summary>
    ExternalEvent,

    /// <summary>No message: the agent takes the next turn (<c>skip</c>).</summary>
    Skip,
}
