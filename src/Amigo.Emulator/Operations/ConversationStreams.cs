using System.Globalization;
using System.Text.RegularExpressions;
using Amigo.Emulator.Audio;
using Amigo.Emulator.Http;
using Amigo.Emulator.State;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary><c>create-conversation</c> and <c>interact-with-conversation</c>: NDJSON event streams.</summary>
internal static class ConversationStreams
{
    internal static readonly string[] Formats = ["text", "voice"];
    private static readonly string[] InitialMessageTypes = ["user-message", "external-event"];

    private sealed record TurnInput(AgentTurnKind Kind, string Message, string Format, IReadOnlyList<(string Text, DateTimeOffset At)> ExternalEvents);

    public static async Task CreateAsync(Call call)
    {
        var query = call.Query;
        var responseFormat = query.Choice("response_format", Formats, required: true);
        var actionFilter = ActionFilter(call);
        var body = await call.ReadJsonAsync();
        string? serviceId = null;
        var versionSet = "release";
        string? initialMessage = null;
        string? initialType = null;
        Dictionary<string, string?>? tags = null;
        if (body is not null)
        {
            var reader = call.Body;
            serviceId = reader.String(body, "service_id", ["body"], pattern: QueryReader.HexIdPattern);
            versionSet = reader.String(body, "service_version_set_name", ["body"], required: false) ?? "release";
            initialMessage = reader.String(body, "initial_message", ["body"], required: false, nullable: true, stripped: true, minLength: 1);
            initialType = reader.String(body, "initial_message_type", ["body"], required: false, nullable: true);
            if (initialType is not null && !InitialMessageTypes.Contains(initialType))
            {
                call.Validation.Choice(InitialMessageTypes, initialType, "body", "initial_message_type");
            }
            else if (initialType is not null && body["initial_message"] is null or { Type: JTokenType.Null })
            {
                call.Validation.ValueError("initial_message_type can only be specified if initial_message is provided",
                    body, "body");
            }

            tags = reader.Tags(body, "tags", ["body"], required: false, nullable: false, keyPattern: @"^[\w\s_]+$",
                valuePattern: null, valueMaxLength: 100) ?? [];
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        ConversationRecord? conversation = null;
        (int Status, string Detail)? refusal = null;
        lock (call.Store.Gate)
        {
            if (!call.Store.Services.TryGetValue(serviceId!, out var service))
            {
                refusal = (404, "Service not found.");
            }
            else if (!service.VersionSets.Contains(versionSet))
            {
                refusal = (404, $"Version set '{versionSet}' not found.");
            }
            else if (call.Store.Conversations.Values.Any(c => c.UserId == call.UserId && c.ServiceId == serviceId && !c.IsFinished))
            {
                refusal = (400, "Attempting to start a conversation when other unfinished conversations exist for this user and service.");
            }
            else
            {
                conversation = new ConversationRecord
                {
                    Id = call.Store.NewId(),
                    Sequence = call.Store.NextSequence(),
                    UserId = call.UserId,
                    ServiceId = serviceId!,
                    VersionSetName = versionSet,
                    CreatedAt = call.Store.Now,
                    Tags = tags!,
                    StreamInFlight = true,
                };
                call.Store.Conversations[conversation.Id] = conversation;
            }
        }

        if (refusal is { } r)
        {
            await call.DetailAsync(r.Status, r.Detail);
            return;
        }

        var input = initialMessage is null
            ? new TurnInput(AgentTurnKind.Greeting, "", "text", [])
            : new TurnInput(initialType == "external-event" ? AgentTurnKind.ExternalEvent : AgentTurnKind.UserMessage, initialMessage, "text", []);
        await StreamTurnAsync(call, conversation!, input, responseFormat!, actionFilter!, 201,
            new JObject { ["type"] = "conversation-created", ["conversation_id"] = conversation!.Id }, userMessageId: null);
    }

    public static async Task InteractAsync(Call call)
    {
        var request = await InteractionRequest.ReadAsync(call);
        if (request is null)
        {
            await call.ValidationErrorAsync();
            return;
        }

        var (messageType, requestFormat, events) = (request.MessageType, request.RequestFormat, request.ExternalEvents);
        if (messageType == "user-message" && requestFormat == "text" && string.IsNullOrWhiteSpace(request.Text))
        {
            await call.DetailAsync(400, "The user message is empty.");
            return;
        }

        var now = call.Store.Now;
        if (events.Any(e => e.At > now))
        {
            await call.DetailAsync(400, "The timestamps for external event messages are not in the past.");
            return;
        }

        string message;
        if (request.Audio is { } recorded)
        {
            if (!InteractionRequest.IsSupported(recorded))
            {
                await call.DetailAsync(415, "The format of the supplied audio file is not supported.");
                return;
            }

            message = call.Options.Transcriber?.Invoke(recorded) ?? InteractionRequest.Describe(recorded);
        }
        else
        {
            message = (request.Text ?? "").Trim();
        }

        ConversationRecord? conversation = null;
        (int Status, string Detail)? refusal = null;
        lock (call.Store.Gate)
        {
            if (!call.Store.Conversations.TryGetValue(call.Path("conversation_id"), out conversation))
            {
                refusal = (404, "Conversation not found.");
            }
            else if (conversation.IsFinished)
            {
                refusal = (409, "The specified conversation is already finished.");
            }
            else if (conversation.StreamInFlight)
            {
                refusal = (409, "A related operation is in progress on this conversation.");
            }
            else if (!IsChronological(events.Select(e => e.At), conversation.Messages.LastOrDefault()?.CreatedAt))
            {
                refusal = (400, "The timestamps for external event messages are inconsistent with the conversation.");
            }
            else
            {
                conversation.StreamInFlight = true;
            }
        }

        if (refusal is { } r)
        {
            await call.DetailAsync(r.Status, r.Detail);
            return;
        }

        var kind = messageType switch
        {
            "user-message" => AgentTurnKind.UserMessage,
            "external-event" => AgentTurnKind.ExternalEvent,
            _ => AgentTurnKind.Skip,
        };
        var userMessageId = call.Store.NewId();
        var input = new TurnInput(kind, kind == AgentTurnKind.Skip ? "" : message, requestFormat, events);
        await StreamTurnAsync(call, conversation!, input, request.ResponseFormat, request.ActionFilter, 200,
            new JObject { ["type"] = "user-message-available", ["message_id"] = userMessageId, ["user_message"] = input.Message },
            userMessageId);
    }

    private static async Task StreamTurnAsync(Call call, ConversationRecord conversation, TurnInput input, string responseFormat,
        Regex actionFilter, int status, JObject firstEvent, string? userMessageId)
    {
        var writer = new NdjsonWriter(call);
        call.Runtime.StreamStarted();
        try
        {
            await writer.StartAsync(status);
            await writer.WriteAsync(firstEvent);
            await RunAgentAsync(call, writer, conversation, input, responseFormat, actionFilter, userMessageId);
        }
        finally
        {
            call.Runtime.StreamEnded();
            lock (call.Store.Gate)
            {
                conversation.StreamInFlight = false;
            }
        }
    }

    private static async Task RunAgentAsync(Call call, NdjsonWriter writer, ConversationRecord conversation, TurnInput input,
        string responseFormat, Regex actionFilter, string? userMessageId)
    {
        var store = call.Store;
        (string SetId, int Version)? triggered;
        int turnIndex;
        string serviceName;
        string userName;
        lock (store.Gate)
        {
            triggered = FindTrigger(store, conversation, input.Message);
            turnIndex = conversation.Interactions.Count;
            serviceName = store.Services.TryGetValue(conversation.ServiceId, out var service) ? service.Name : "Agent";
            userName = store.UserName(conversation.UserId);
        }

        var turn = new AgentTurn
        {
            ConversationId = conversation.Id,
            UserId = conversation.UserId,
            ServiceId = conversation.ServiceId,
            Kind = input.Kind,
            Message = input.Message,
            TurnIndex = turnIndex,
            ResponseFormat = responseFormat,
            ExternalEvents = input.ExternalEvents.Select(e => e.Text).ToList(),
            TriggeredDynamicBehaviorSetId = triggered?.SetId,
        };

        AgentReply reply;
        try
        {
            reply = await call.Options.Agent.RespondAsync(turn, call.Cancellation);
        }
        catch (Exception e) when (!call.Cancellation.IsCancellationRequested)
        {
            await writer.WriteAsync(ErrorEvent(500, "The agent failed: " + e.Message));
            return;
        }

        if (reply.Pieces is { Count: > 0 } scripted && string.Concat(scripted) != reply.Message)
        {
            await writer.WriteAsync(ErrorEvent(500, "The scripted reply's Pieces do not concatenate to its Message."));
            return;
        }

        var fault = call.Fault as ErrorEventFault;
        foreach (var action in reply.Actions ?? AgentActions.Default(turn, triggered, reply.Message))
        {
            if (actionFilter.IsMatch(action.Value<string>("type") ?? ""))
            {
                await writer.WriteAsync(new JObject { ["type"] = "current-agent-action", ["action"] = action.DeepClone() });
            }
        }

        if (fault is { AfterInteractionComplete: false })
        {
            await writer.WriteAsync(ErrorEvent(fault.HttpErrorCode, fault.Description));
            await writer.EndAsync();
            return;
        }

        var agentMessageId = store.NewId();
        var pieces = reply.Pieces is { Count: > 0 } given ? given : Split(reply.Message);
        var milliseconds = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = new JObject { ["type"] = "new-message" };
            if (responseFormat == "voice")
            {
                var (audio, alignment) = Pcm.Speak(pieces[i], milliseconds);
                milliseconds += pieces[i].Length * Pcm.MillisecondsPerCharacter;
                piece["message"] = Convert.ToBase64String(audio);
                piece["transcript_alignment"] = alignment;
            }
            else
            {
                piece["message"] = pieces[i];
                piece["transcript_alignment"] = JValue.CreateNull();
            }

            piece["stop"] = i == pieces.Count - 1;
            piece["sequence_number"] = i;
            piece["message_id"] = agentMessageId;
            await writer.WriteAsync(piece);
        }

        var interactionId = store.NewId();
        lock (store.Gate)
        {
            Commit(store, conversation, input, responseFormat, reply, triggered, interactionId, agentMessageId, userMessageId,
                userName, serviceName);
        }

        await writer.WriteAsync(new JObject
        {
            ["type"] = "interaction-complete",
            ["message_id"] = agentMessageId,
            ["interaction_id"] = interactionId,
            ["full_message"] = reply.Message,
            ["conversation_completed"] = reply.ConversationCompleted,
        });

        if (fault is { AfterInteractionComplete: true })
        {
            await writer.WriteAsync(ErrorEvent(fault.HttpErrorCode, fault.Description));
        }

        await writer.EndAsync();
    }

    private static void Commit(EmulatorStore store, ConversationRecord conversation, TurnInput input, string responseFormat,
        AgentReply reply, (string SetId, int Version)? triggered, string interactionId, string agentMessageId,
        string? userMessageId, string userName, string serviceName)
    {
        var now = store.Now;
        MessageRecord Add(string id, string sender, string text, string format, string type, DateTimeOffset? at = null)
        {
            var message = new MessageRecord
            {
                Id = id,
                Sequence = store.NextSequence(),
                InteractionId = interactionId,
                CreatedAt = at ?? now,
                Sender = sender,
                Text = text,
                Format = format,
                MessageType = type,
            };
            conversation.Messages.Add(message);
            return message;
        }

        var externalIds = input.ExternalEvents.Select(e => Add(store.NewId(), "External event", e.Text, "text", "external-event", e.At).Id).ToList();
        string? initialId = null;
        if (input.Kind == AgentTurnKind.UserMessage)
        {
            initialId = Add(userMessageId ?? store.NewId(), userName, input.Message, input.Format, "user-message").Id;
        }
        else if (input.Kind == AgentTurnKind.ExternalEvent)
        {
            initialId = Add(userMessageId ?? store.NewId(), "External event", input.Message, "text", "external-event").Id;
        }

        Add(store.NewId(), serviceName, "The user seems engaged; answer warmly and briefly.", "text", "agent-inner-thought");
        Add(agentMessageId, serviceName, reply.Message, responseFormat, "agent-message");
        conversation.Interactions.Add(new InteractionRecord
        {
            Id = interactionId,
            CreatedAt = now,
            AgentMessageId = agentMessageId,
            StateName = "respond",
            Actions = reply.Actions ?? [],
            TriggeredSet = triggered,
        });
        if (reply.ConversationCompleted)
        {
            conversation.IsFinished = true;
            conversation.IsAnalyzed = true;
        }

        if (triggered is { } t && store.Sets.TryGetValue(t.SetId, out var set))
        {
            set.Invocations.Add(new InvocationRecord
            {
                Id = store.NewId(),
                Sequence = store.NextSequence(),
                ConversationId = conversation.Id,
                ServiceId = conversation.ServiceId,
                UserId = conversation.UserId,
                InitialMessageId = initialId ?? agentMessageId,
                AgentMessageId = agentMessageId,
                Version = t.Version,
                InvokedAt = now,
                ExternalEventMessageIds = externalIds,
            });
        }
    }

    /// <summary>The first active set applied to the conversation's service whose latest version has a trigger
    /// contained (case-insensitively) in the message.</summary>
    private static (string, int)? FindTrigger(EmulatorStore store, ConversationRecord conversation, string message)
    {
        if (message.Length == 0)
        {
            return null;
        }

        var set = store.Sets.Values
            .Where(s => s.IsActive && s.AppliedToServices.Contains(conversation.ServiceId))
            .OrderBy(s => s.Sequence)
            .FirstOrDefault(s => s.Latest.ConversationTriggers.Any(trigger => message.Contains(trigger, StringComparison.OrdinalIgnoreCase)));
        return set is null ? null : (set.Id, set.Latest.Version);
    }

    private static JObject ErrorEvent(int code, string description) =>
        new() { ["type"] = "error", ["http_error_code"] = code, ["error_description"] = description };

    /// <summary>Splits a message into pieces of about three words, keeping the whitespace so they concatenate back.</summary>
    internal static IReadOnlyList<string> Split(string message)
    {
        var words = Regex.Matches(message, @"\S+\s*|\s+").Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return [message];
        }

        return words.Chunk(3).Select(chunk => string.Concat(chunk)).ToList();
    }

    internal static Regex? ActionFilter(Call call)
    {
        var pattern = call.Query.String("current_agent_action_type") ?? "^.*$";
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            call.Validation.ValueError("current_agent_action_type is not a valid regular expression: " + e.Message, pattern,
                "query", "current_agent_action_type");
            return null;
        }
    }

    private static bool IsChronological(IEnumerable<DateTimeOffset> times, DateTimeOffset? after)
    {
        var previous = after ?? DateTimeOffset.MinValue;
        foreach (var time in times)
        {
            if (time < previous)
            {
                return false;
            }

            previous = time;
        }

        return true;
    }
}
