using Amigo.Generated;

namespace Amigo.Streaming;

/// <summary>
/// Reads a conversation turn to its end and gathers an <see cref="InteractionResult"/>. The first
/// <c>interaction-complete</c> ends the turn: after it a conforming server sends only error events, so anything else
/// (a second <c>interaction-complete</c>, say) is not applied to the result but listed in
/// <see cref="InteractionResult.EventsAfterCompletion"/>.
/// </summary>
internal static class InteractionCollector
{
    public static async Task<InteractionResult> CollectAsync(
        ConversationEventStream stream,
        Func<string, ValueTask>? onAgentText,
        CancellationToken cancellationToken)
    {
        bool voice = stream.ResponseFormat == Format.Voice;
        InteractionCompleteEvent? completion = null;
        string? conversationId = null;
        UserMessageAvailableEvent? userMessage = null;
        List<ConversationAction> actions = [];
        List<ErrorEvent> errors = [];
        List<ConversationEvent> unknown = [];
        List<ConversationEvent> afterCompletion = [];
        List<TranscriptAlignmentPoint> alignment = [];
        MemoryStream? audio = voice ? new MemoryStream() : null;
        long events = 0;

        await foreach (var e in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            events++;
            if (completion is not null && e is not ErrorEvent)
            {
                afterCompletion.Add(e);
                continue;
            }

            switch (e)
            {
                case ConversationCreatedEvent created:
                    conversationId = created.ConversationId;
                    break;
                case UserMessageAvailableEvent user:
                    userMessage = user;
                    break;
                case CurrentAgentActionEvent { Action: { } action }:
                    actions.Add(action);
                    break;
                case NewMessageEvent piece when voice:
                    audio!.Write(piece.GetAudioBytes());
                    alignment.AddRange(piece.GetTranscriptAlignment());
                    break;
                case NewMessageEvent piece:
                    if (onAgentText is not null && !string.IsNullOrEmpty(piece.Message))
                    {
                        await onAgentText(piece.Message).ConfigureAwait(false);
                    }
                    break;
                case InteractionCompleteEvent complete:
                    completion = complete;
                    if (voice && onAgentText is not null && !string.IsNullOrEmpty(complete.FullMessage))
                    {
                        await onAgentText(complete.FullMessage).ConfigureAwait(false);
                    }
                    break;
                case ErrorEvent error:
                    errors.Add(error);
                    break;
                case UnknownConversationEvent:
                    unknown.Add(e);
                    break;
            }
        }

        if (completion is null)
        {
            // Only reachable when error events are yielded: the error voided the interaction, so there is no result.
            var error = errors.FirstOrDefault();
            throw new AmigoStreamErrorEventException(
                error?.HttpErrorCode ?? 0, stream.Redactor.Redact(error?.ErrorDescription ?? "no interaction-complete event"),
                StreamErrorPhase.BeforeInteractionComplete, stream.Operation, 0, events, []);
        }

        return new InteractionResult(
            completion, conversationId, userMessage, actions, audio?.ToArray(), alignment, errors, unknown, afterCompletion);
    }
}
