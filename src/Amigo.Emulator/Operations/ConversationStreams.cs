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
internal static partial class ConversationStreams
{
    private static readonly string[] Formats = ["text", "voice"];
    private static readonly string[] InitialMessageTypes = ["user-message", "external-event"];
    private static readonly string[] InteractMessageTypes = ["external-event", "user-message", "skip"];

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
        var query = call.Query;
        var requestFormat = query.Choice("request_format", Formats, required: true);
        var responseFormat = query.Choice("response_format", Formats, required: true);
        var actionFilter = ActionFilter(call);
        var audioConfig = AudioConfig(call, requestFormat);
        var contentType = call.Http.Request.ContentType;
        if (contentType is null)
        {
            call.Validation.Missing("header", "content-type");
        }
        else if (!MultipartContentType().IsMatch(contentType))
        {
            call.Validation.Pattern(@"^multipart\/form-data; boundary=.+$", contentType, "header", "content-type");
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        var form = await call.Http.Request.ReadFormAsync(call.Cancellation);
        var messageType = FormField(call, form, "initial_message_type");
        if (messageType is not null && !InteractMessageTypes.Contains(messageType))
        {
            call.Validation.Choice(InteractMessageTypes, messageType, "body", "initial_message_type");
        }

        byte[]? audio = null;
        string? text = null;
        var file = form.Files.GetFile("recorded_message");
        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, call.Cancellation);
            audio = buffer.ToArray();
            if (requestFormat == "text")
            {
                text = System.Text.Encoding.UTF8.GetString(audio);
            }
        }
        else if (form.TryGetValue("recorded_message", out var field))
        {
            text = field.ToString();
            audio = requestFormat == "voice" ? System.Text.Encoding.UTF8.GetBytes(text) : null;
        }
        else
        {
            call.Validation.Missing("body", "recorded_message");
        }

        var contents = form.TryGetValue("external_event_message_content", out var c) ? c.Select(v => v ?? "").ToList() : [];
        var stamps = form.TryGetValue("external_event_message_timestamp", out var t) ? t.Select(v => v ?? "").ToList() : [];
        var events = new List<(string, DateTimeOffset)>();
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i].Length == 0)
            {
                call.Validation.TooShort(1, contents[i], "body", "external_event_message_content", i);
            }
        }

        var times = new List<DateTimeOffset>();
        for (var i = 0; i < stamps.Count; i++)
        {
            if (DateTimeOffset.TryParse(stamps[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                times.Add(at);
            }
            else
            {
                call.Validation.Add("datetime_from_date_parsing", "Input should be a valid datetime", stamps[i], null,
                    "body", "external_event_message_timestamp", i);
            }
        }

        if (contents.Count != stamps.Count)
        {
            call.Validation.ValueError("external_event_message_content and external_event_message_timestamp must have the same length",
                null, "body");
        }

        var size = audio?.Length ?? text?.Length ?? 0;
        if (messageType == "skip")
        {
            if (size > 0)
            {
                call.Validation.TooLong(0, text ?? "<file>", "body", "recorded_message");
            }

            if (contents.Count > 0)
            {
                call.Validation.Add("too_long", "List should have at most 0 items after validation", new JArray(contents),
                    null, "body", "external_event_message_content");
            }
        }
        else if (messageType is not null && (file is not null || text is not null) && size == 0)
        {
            call.Validation.TooShort(1, "", "body", "recorded_message");
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        for (var i = 0; i < contents.Count; i++)
        {
            events.Add((contents[i], times[i]));
        }

        if (messageType == "user-message" && requestFormat == "text" && string.IsNullOrWhiteSpace(text))
        {
            await call.DetailAsync(400, "The user message is empty.");
            return;
        }

        var now = call.Store.Now;
        if (events.Any(e => e.Item2 > now))
        {
            await call.DetailAsync(400, "The timestamps for external event messages are not in the past.");
            return;
        }

        string message;
        if (requestFormat == "voice" && messageType != "skip")
        {
            var recorded = new RecordedAudio(audio!, audioConfig!.Value.Type, audioConfig.Value.FrameRate, audioConfig.Value.SampleWidth);
            if (!IsSupportedAudio(recorded))
            {
                await call.DetailAsync(415, "The format of the supplied audio file is not supported.");
                return;
            }

            message = call.Options.Transcriber?.Invoke(recorded) ?? Describe(recorded);
        }
        else
        {
            message = (text ?? "").Trim();
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
            else if (!IsChronological(events.Select(e => e.Item2), conversation.Messages.LastOrDefault()?.CreatedAt))
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
        var input = new TurnInput(kind, kind == AgentTurnKind.Skip ? "" : message, requestFormat!, events);
        await StreamTurnAsync(call, conversation!, input, responseFormat!, actionFilter!, 200,
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

    private static Regex? ActionFilter(Call call)
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

    private static (string Type, int? FrameRate, int? SampleWidth)? AudioConfig(Call call, string? requestFormat)
    {
        var raw = call.Query.Raw("request_audio_config");
        if (raw is null)
        {
            if (requestFormat == "voice")
            {
                call.Validation.ValueError("request_audio_config is required when request_format is voice", null,
                    "query", "request_audio_config");
            }

            return null;
        }

        JObject config;
        try
        {
            using var reader = new JsonTextReader(new StringReader(raw)) { DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is not JObject parsed)
            {
                call.Validation.Add("model_attributes_type", "Input should be a valid dictionary or object to extract fields from",
                    raw, null, "query", "request_audio_config");
                return null;
            }

            config = parsed;
        }
        catch (JsonReaderException e)
        {
            call.Validation.Add("json_invalid", "Invalid JSON: " + e.Message, raw, null, "query", "request_audio_config");
            return null;
        }

        var type = config.Value<string>("type");
        object[] at = ["query", "request_audio_config"];
        if (type == "mp3")
        {
            return ("mp3", null, null);
        }

        if (type != "pcm")
        {
            call.Validation.Add("union_tag_invalid",
                $"Input tag '{type}' found using 'type' does not match any of the expected tags: 'mp3', 'pcm'",
                config, new JObject { ["discriminator"] = "'type'", ["tag"] = type, ["expected_tags"] = "'mp3', 'pcm'" }, at);
            return null;
        }

        var reader2 = call.Body;
        var frameRate = reader2.Int(config, "frame_rate", [.. at, "pcm"], minimum: 4000, maximum: 44100);
        var channels = reader2.Int(config, "n_channels", [.. at, "pcm"]);
        var sampleWidth = reader2.Int(config, "sample_width", [.. at, "pcm"]);
        if (channels is not null and not 1)
        {
            call.Validation.Choice(["1"], config["n_channels"]!, [.. at, "pcm", "n_channels"]);
        }

        if (sampleWidth is not null and not (2 or 4))
        {
            call.Validation.Choice(["2", "4"], config["sample_width"]!, [.. at, "pcm", "sample_width"]);
        }

        return ("pcm", frameRate, sampleWidth);
    }

    private static string? FormField(Call call, IFormCollection form, string name)
    {
        if (form.TryGetValue(name, out var value))
        {
            return value.ToString();
        }

        call.Validation.Missing("body", name);
        return null;
    }

    private static bool IsSupportedAudio(RecordedAudio audio) => audio.Format switch
    {
        "pcm" => audio.Bytes.Length > 0 && audio.Bytes.Length % (audio.SampleWidth ?? 2) == 0,
        _ => audio.Bytes.Length >= 3 &&
             ((audio.Bytes[0] == (byte)'I' && audio.Bytes[1] == (byte)'D' && audio.Bytes[2] == (byte)'3') ||
              (audio.Bytes[0] == 0xFF && (audio.Bytes[1] & 0xE0) == 0xE0)),
    };

    private static string Describe(RecordedAudio audio) => audio.Format == "pcm"
        ? string.Create(CultureInfo.InvariantCulture,
            $"[voice message: {audio.Bytes.Length / (double)(audio.FrameRate!.Value * audio.SampleWidth!.Value):0.00} s of pcm audio]")
        : $"[voice message: {audio.Bytes.Length} bytes of mp3 audio]";

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

    [GeneratedRegex(@"^multipart\/form-data; boundary=.+$")]
    private static partial Regex MultipartContentType();
}
