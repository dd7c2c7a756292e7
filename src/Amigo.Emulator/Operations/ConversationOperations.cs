using Amigo.Emulator.Http;
using Amigo.Emulator.State;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary>The conversation operations that answer with plain JSON (the streams are in <see cref="ConversationStreams"/>).</summary>
internal static class ConversationOperations
{
    private static readonly string[] MessageTypes = ["user-message", "agent-message", "agent-inner-thought", "external-event"];
    private static readonly string[] DefaultMessageTypes = ["external-event", "agent-message", "user-message"];

    public static async Task ListAsync(Call call)
    {
        var query = call.Query;
        var userIds = query.List("user_id", unique: true);
        var serviceIds = query.HexIds("service_id");
        var isFinished = query.Bool("is_finished");
        var ids = query.HexIds("id", unique: false);
        var limit = query.Int("limit", 150, exclusiveMinimum: 0, maximum: 150);
        var token = query.ContinuationToken();
        var sortBy = query.SortBy("created_at");
        var tags = query.Tags();
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        JObject response;
        lock (call.Store.Gate)
        {
            var matching = call.Store.Conversations.Values.Where(c =>
                (userIds.Count == 0 || userIds.Contains(c.UserId)) &&
                (serviceIds.Count == 0 || serviceIds.Contains(c.ServiceId)) &&
                (isFinished is null || c.IsFinished == isFinished) &&
                (ids.Count == 0 || ids.Contains(c.Id)) &&
                QueryReader.MatchesTags(c.Tags, tags));
            var sorted = Views.Sort(matching, sortBy, (c, _) => c.CreatedAt, ("created_at", false), c => c.Sequence);
            response = Views.Page("conversations", sorted, token, limit, c => Views.Conversation(call.Store, c));
        }

        await call.WriteJsonAsync(200, response);
    }

    public static async Task MessagesAsync(Call call)
    {
        var query = call.Query;
        var ids = query.HexIds("id");
        var types = query.Has("message_type") ? query.List("message_type", unique: true) : DefaultMessageTypes;
        for (var i = 0; i < types.Count; i++)
        {
            if (!MessageTypes.Contains(types[i]))
            {
                call.Validation.Choice(MessageTypes, types[i], "query", "message_type", i);
            }
        }

        var interactionIds = query.HexIds("interaction_id");
        var limit = query.Int("limit", 500, exclusiveMinimum: 0, maximum: 500);
        var token = query.ContinuationToken();
        var sortBy = query.SortBy("interaction_id", "created_at");
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        JObject? response = null;
        lock (call.Store.Gate)
        {
            if (call.Store.Conversations.TryGetValue(call.Path("conversation_id"), out var conversation))
            {
                var matching = conversation.Messages.Where(m =>
                    (ids.Count == 0 || ids.Contains(m.Id)) &&
                    types.Contains(m.MessageType) &&
                    (interactionIds.Count == 0 || interactionIds.Contains(m.InteractionId)));
                var sorted = Views.Sort(matching, sortBy,
                    (m, field) => field == "interaction_id" ? m.InteractionId : (IComparable)m.CreatedAt,
                    ("created_at", true), m => m.Sequence);
                response = Views.Page("messages", sorted, token, limit, Views.Message);
            }
        }

        await (response is null ? call.NotFoundAsync("Conversation") : call.WriteJsonAsync(200, response));
    }

    public static async Task FinishAsync(Call call)
    {
        int status;
        string? detail = null;
        var analyzed = false;
        var id = call.Path("conversation_id");
        lock (call.Store.Gate)
        {
            if (!call.Store.Conversations.TryGetValue(id, out var conversation))
            {
                (status, detail) = (404, "Conversation not found.");
            }
            else if (conversation.StreamInFlight)
            {
                (status, detail) = (409, "A related operation is in progress on this conversation.");
            }
            else if (conversation.IsFinished)
            {
                (status, detail) = (409, "The specified conversation is already finished.");
            }
            else
            {
                status = 204;
                if (conversation.Messages.Count == 0)
                {
                    call.Store.Conversations.Remove(id);
                }
                else
                {
                    conversation.IsFinished = true;
                    conversation.IsAnalyzed = true;
                    analyzed = true;
                }
            }
        }

        if (analyzed)
        {
            call.Runtime.Webhooks.ConversationFinished(id);
        }

        await (detail is null ? call.NoContentAsync() : call.DetailAsync(status, detail));
    }

    public static async Task ModifyTagsAsync(Call call)
    {
        var body = await call.ReadJsonAsync();
        Dictionary<string, string?>? updates = null;
        List<string>? deletes = null;
        if (body is not null)
        {
            updates = call.Body.Tags(body, "updates", ["body"], required: false, nullable: false,
                keyPattern: @"^[\w\s]+$", valuePattern: @"^[\w\s]+$", valueMaxLength: null) ?? [];
            deletes = call.Body.StringList(body, "deletes", ["body"], required: false, unique: true, stripped: true,
                itemMinLength: 1) ?? [];
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        int status = 204;
        string? detail = null;
        lock (call.Store.Gate)
        {
            if (!call.Store.Conversations.TryGetValue(call.Path("conversation_id"), out var conversation))
            {
                (status, detail) = (404, "Conversation not found.");
            }
            else
            {
                var tags = new Dictionary<string, string?>(conversation.Tags, StringComparer.Ordinal);
                foreach (var key in deletes!)
                {
                    tags.Remove(key);
                }

                foreach (var (key, value) in updates!)
                {
                    tags[key] = value;
                }

                if (tags.Count > 20)
                {
                    (status, detail) = (400, "The conversation cannot contain more than 20 tags.");
                }
                else
                {
                    conversation.Tags.Clear();
                    foreach (var (key, value) in tags)
                    {
                        conversation.Tags[key] = value;
                    }
                }
            }
        }

        await (detail is null ? call.NoContentAsync() : call.DetailAsync(status, detail));
    }

    public static async Task InsightsAsync(Call call)
    {
        JObject? response = null;
        string missing = "Conversation";
        lock (call.Store.Gate)
        {
            if (call.Store.Conversations.TryGetValue(call.Path("conversation_id"), out var conversation))
            {
                missing = "Interaction";
                var interaction = conversation.Interactions.FirstOrDefault(i => i.Id == call.Path("interaction_id"));
                if (interaction is not null)
                {
                    call.Store.Services.TryGetValue(conversation.ServiceId, out var service);
                    response = Insights(conversation, interaction, service?.StateMachineId ?? conversation.ServiceId);
                }
            }
        }

        await (response is null ? call.NotFoundAsync(missing) : call.WriteJsonAsync(200, response));
    }

    private static JObject Insights(ConversationRecord conversation, InteractionRecord interaction, string stateMachineId)
    {
        var toolCall = new JObject
        {
            ["tool_name"] = "lookup_weather",
            ["tool_id"] = "65f1c0ffee00000000000001",
            ["tool_version"] = "1.2.0",
            ["input"] = new JObject { ["query"] = "weather today" },
            ["output"] = "Sunny, 21 degrees.",
            ["duration"] = 1.75,
        };
        var machine = new JArray(stateMachineId, 3);
        return new JObject
        {
            ["current_state_name"] = interaction.StateName,
            ["current_state_action"] = "Answer the user warmly.",
            ["current_state_objective"] = "Keep the conversation going and help the user.",
            ["state_transition_logs"] = new JArray
            {
                new JObject
                {
                    ["type"] = "recall",
                    ["previous_state"] = "listen",
                    ["previous_service_hierarchical_state_machine_version_info"] = machine.DeepClone(),
                    ["next_state"] = "decide",
                    ["next_service_hierarchical_state_machine_version_info"] = machine.DeepClone(),
                    ["performed_queries"] = new JArray("What does the user prefer to talk about?"),
                },
                new JObject
                {
                    ["type"] = "action",
                    ["previous_state"] = "decide",
                    ["previous_service_hierarchical_state_machine_version_info"] = machine.DeepClone(),
                    ["next_state"] = interaction.StateName,
                    ["next_service_hierarchical_state_machine_version_info"] = machine.DeepClone(),
                    ["previous_state_exit_condition_description"] = "The user is ready for an answer.",
                    ["tool_call_logs"] = new JArray((object)new JArray(toolCall.DeepClone())),
                },
            },
            ["working_memory"] = new JArray
            {
                new JObject { ["content"] = "The user likes concise answers.", ["context"] = "Observed in earlier turns." },
            },
            ["reflections"] = new JArray($"The conversation has {conversation.Messages.Count} messages so far; keep it friendly."),
            ["triggered_dynamic_behavior_set_version_info"] = interaction.TriggeredSet is { } set
                ? new JArray(set.SetId, set.Version)
                : JValue.CreateNull(),
            ["select_next_action_tool_call_logs"] = new JArray((object)new JArray(toolCall)),
            ["engage_user_tool_call_logs"] = new JArray(),
        };
    }

    public static async Task RecommendResponsesAsync(Call call)
    {
        var body = await call.ReadJsonAsync(required: false);
        if (body is not null)
        {
            call.Body.String(body, "context", ["body"], required: false, stripped: true, minLength: 1);
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        int status = 200;
        string? detail = null;
        JObject? response = null;
        lock (call.Store.Gate)
        {
            if (!call.Store.Conversations.TryGetValue(call.Path("conversation_id"), out var conversation))
            {
                (status, detail) = (404, "Conversation not found.");
            }
            else if (conversation.IsFinished)
            {
                (status, detail) = (400, "The conversation is finished.");
            }
            else if (conversation.Interactions.Count == 0 || conversation.Interactions[^1].Id != call.Path("interaction_id"))
            {
                (status, detail) = (400, "The supplied interaction ID doesn't correspond to the latest, completed interaction.");
            }
            else
            {
                var last = conversation.Messages.LastOrDefault(m => m.MessageType == "agent-message")?.Text ?? "";
                var topic = last.Length > 40 ? last[..40].TrimEnd() + "..." : last;
                response = new JObject
                {
                    ["recommended_responses"] = new JArray(
                        "Could you tell me more about that?",
                        $"Thanks! About \"{topic}\": what do you suggest next?",
                        "That's all for now, goodbye!"),
                };
            }
        }

        await (detail is null ? call.WriteJsonAsync(status, response!) : call.DetailAsync(status, detail));
    }

    public static async Task MessageSourceAsync(Call call)
    {
        var longLived = call.Query.Bool("long_lived") ?? false;
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        int status = 200;
        string? detail = null;
        MessageRecord? message = null;
        lock (call.Store.Gate)
        {
            if (!call.Store.Conversations.TryGetValue(call.Path("conversation_id"), out var conversation) ||
                (message = conversation.Messages.FirstOrDefault(m => m.Id == call.Path("message_id"))) is null)
            {
                (status, detail) = (404, "Message not found.");
            }
            else if (message.Format == "text")
            {
                (status, detail) = (400, "The message is a text message.");
            }
        }

        if (detail is not null)
        {
            await call.DetailAsync(status, detail);
            return;
        }

        var expiresAt = call.Store.Now + (longLived ? TimeSpan.FromHours(12) : TimeSpan.FromMinutes(5));
        await call.WriteJsonAsync(200, new JObject
        {
            ["url"] = $"https://storage.emulator.invalid/{call.Store.OrganizationId}/messages/{message!.Id}.wav?expires={expiresAt.ToUnixTimeSeconds()}",
            ["expires_at"] = EmulatorStore.Iso(expiresAt),
            ["content_type"] = "audio/wav",
        });
    }

    public static async Task GenerateStartersAsync(Call call)
    {
        var body = await call.ReadJsonAsync();
        string? serviceId = null;
        var versionSet = "release";
        List<string>? facets = null;
        int? minCount = null;
        int? maxCount = null;
        if (body is not null)
        {
            var reader = call.Body;
            serviceId = reader.String(body, "service_id", ["body"], pattern: QueryReader.HexIdPattern);
            versionSet = reader.String(body, "service_version_set_name", ["body"], required: false) ?? "release";
            facets = reader.StringList(body, "facets", ["body"], minItems: 1, stripped: true, itemMinLength: 1);
            minCount = reader.Int(body, "min_count", ["body"], exclusiveMinimum: 0, maximum: 10);
            maxCount = reader.Int(body, "max_count", ["body"], exclusiveMinimum: 0, maximum: 10);
            reader.String(body, "generation_instructions", ["body"], stripped: true, minLength: 1);
            if (minCount > maxCount)
            {
                call.Validation.ValueError("min_count must not exceed max_count", body["min_count"], "body", "min_count");
            }
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        bool found;
        lock (call.Store.Gate)
        {
            found = call.Store.Services.TryGetValue(serviceId!, out var service) && service.VersionSets.Contains(versionSet);
        }

        if (!found)
        {
            await call.NotFoundAsync("Service");
            return;
        }

        var prompts = new JArray();
        for (var i = 0; i < maxCount; i++)
        {
            var facet = facets![i % facets.Count];
            prompts.Add(new JObject
            {
                ["prompt"] = (i / facets.Count) switch
                {
                    0 => $"What should I know about {facet}?",
                    1 => $"Can you help me get started with {facet}?",
                    _ => $"Give me one surprising fact about {facet}.",
                },
                ["facets"] = new JArray(facet),
            });
        }

        await call.WriteJsonAsync(200, new JObject { ["prompts"] = prompts });
    }
}
