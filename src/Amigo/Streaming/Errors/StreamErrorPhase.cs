namespace Amigo;

/// <summary>When, relative to the <c>interaction-complete</c> event, the server reported an error inside a stream.</summary>
public enum StreamErrorPhase
{
    /// <summary>Before <c>interaction-complete</c>: the interaction is void; send it again.</summary>
    BeforeInteractionComplete,

    /// <summary>
    /// After <c>interaction-complete</c>: the interaction was saved, but post-processing failed;
    /// call finish-conversation to retry the post-processing.
    /// </summary>
    AfterInteractionComplete,
}
