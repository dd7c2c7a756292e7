using Amigo.Emulator.State;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary>Response objects with the spec's snake_case field names. Call under the store's lock.</summary>
internal static class Views
{
    public static readonly string[] PostProcessings = ["generate-user-models", "extract-memories", "compute-metrics"];

    public static JObject Conversation(EmulatorStore store, ConversationRecord conversation)
    {
        store.Services.TryGetValue(conversation.ServiceId, out var service);
        return new JObject
        {
            ["id"] = conversation.Id,
            ["user_id"] = conversation.UserId,
            ["created_at"] = EmulatorStore.Iso(conversation.CreatedAt),
            ["is_finished"] = conversation.IsFinished,
            ["is_analyzed"] = conversation.IsAnalyzed,
            ["completed_post_processings"] = conversation.IsAnalyzed ? new JArray(PostProcessings) : new JArray(),
            ["final_message"] = conversation.Messages.Count > 0 ? conversation.Messages[^1].Text : "",
            ["service_id"] = conversation.ServiceId,
            ["version_set_info"] = new JObject
            {
                ["name"] = conversation.VersionSetName,
                ["agent_version_info"] = new JArray(service?.AgentId ?? conversation.ServiceId, 4),
                ["service_hierarchical_state_machine_version_info"] = new JArray(service?.StateMachineId ?? conversation.ServiceId, 3),
                ["llm_model_preferences"] = new JObject
                {
                    ["engage_user"] = new JObject { ["llm_name"] = "azure_gpt-4o-2024-08-06", ["params"] = new JObject { ["temperature"] = 0.2 } },
                },
            },
            ["num_messages"] = conversation.Messages.Count,
            ["tags"] = Tags(conversation.Tags),
        };
    }

    public static JObject Message(MessageRecord message) => new()
    {
        ["id"] = message.Id,
        ["interaction_id"] = message.InteractionId,
        ["created_at"] = EmulatorStore.Iso(message.CreatedAt),
        ["sender"] = message.Sender,
        ["message"] = message.Text,
        ["format"] = message.Format,
        ["message_type"] = message.MessageType,
    };

    public static JObject UserInfo(EmulatorStore store, string userId) =>
        new() { ["org_id"] = store.OrganizationId, ["user_id"] = userId };

    public static JObject Set(EmulatorStore store, DynamicBehaviorSetRecord set) => new()
    {
        ["id"] = set.Id,
        ["name"] = set.Name,
        ["is_active"] = set.IsActive,
        ["applied_to_services"] = new JArray(set.AppliedToServices),
        ["tags"] = Tags(set.Tags),
        ["created_at"] = EmulatorStore.Iso(set.CreatedAt),
        ["creator"] = UserInfo(store, set.CreatorUserId),
        ["updated_at"] = EmulatorStore.Iso(set.UpdatedAt),
        ["updated_by"] = UserInfo(store, set.UpdatedByUserId),
    };

    public static JObject Version(EmulatorStore store, DynamicBehaviorSetRecord set, DynamicBehaviorSetVersionRecord version) => new()
    {
        ["_id"] = version.Id,
        ["org_id"] = store.OrganizationId,
        ["created_at"] = EmulatorStore.Iso(version.CreatedAt),
        ["updated_at"] = EmulatorStore.Iso(version.CreatedAt),
        ["dynamic_behavior_set_id"] = set.Id,
        ["version"] = version.Version,
        ["conversation_triggers"] = new JArray(version.ConversationTriggers),
        ["actions"] = version.Actions.DeepClone(),
        ["creator"] = UserInfo(store, version.CreatorUserId),
    };

    public static JObject Invocation(EmulatorStore store, DynamicBehaviorSetRecord set, InvocationRecord invocation) => new()
    {
        ["_id"] = invocation.Id,
        ["org_id"] = store.OrganizationId,
        ["created_at"] = EmulatorStore.Iso(invocation.InvokedAt),
        ["updated_at"] = EmulatorStore.Iso(invocation.InvokedAt),
        ["conversation_id"] = invocation.ConversationId,
        ["service_id"] = invocation.ServiceId,
        ["user_id"] = invocation.UserId,
        ["initial_message_id"] = invocation.InitialMessageId,
        ["agent_message_id"] = invocation.AgentMessageId,
        ["agent_inner_thoughts_ids"] = new JArray(),
        ["dynamic_behavior_set_version_info"] = new JArray(set.Id, invocation.Version),
        ["invoked_at"] = EmulatorStore.Iso(invocation.InvokedAt),
        ["external_event_message_ids"] = new JArray(invocation.ExternalEventMessageIds),
    };

    public static JObject WebhookDestination(WebhookDestinationRecord destination) => new()
    {
        ["id"] = destination.Id,
        ["url"] = destination.Url.OriginalString,
        ["secret_generated_at"] = EmulatorStore.Iso(destination.SecretGeneratedAt),
        ["retry_attempts"] = destination.RetryAttempts,
        ["accepted_types"] = new JArray(destination.AcceptedTypes),
    };

    public static JObject WebhookDelivery(WebhookDeliveryRecord delivery) => new()
    {
        ["id"] = delivery.Id,
        ["type"] = delivery.Type,
        ["webhook_content"] = delivery.Content.DeepClone(),
        ["status"] = delivery.Status,
        ["delivery_attempts"] = new JArray(delivery.Attempts.Select(a => new JObject
        {
            ["delivery_time"] = EmulatorStore.Iso(a.DeliveryTime),
            ["status_code"] = a.StatusCode,
        })),
        ["dual_signed"] = delivery.DualSigned,
        ["created_at"] = EmulatorStore.Iso(delivery.CreatedAt),
    };

    public static JObject Tags(IReadOnlyDictionary<string, string?> tags)
    {
        var result = new JObject();
        foreach (var (key, value) in tags)
        {
            result[key] = value is null ? JValue.CreateNull() : new JValue(value);
        }

        return result;
    }

    /// <summary>One page of <paramref name="items"/> from offset <paramref name="token"/>, with the spec's paging fields.</summary>
    public static JObject Page<T>(string itemsField, IReadOnlyList<T> items, int token, int limit, Func<T, JObject> view)
    {
        var page = new JArray(items.Skip(token).Take(limit).Select(view));
        var hasMore = token + limit < items.Count;
        return new JObject
        {
            [itemsField] = page,
            ["has_more"] = hasMore,
            ["continuation_token"] = hasMore ? new JValue(token + limit) : JValue.CreateNull(),
        };
    }

    /// <summary>Sorts by the requested keys (then by creation order), or by <paramref name="defaultKey"/> when none.</summary>
    public static List<T> Sort<T>(IEnumerable<T> items, IReadOnlyList<(string Field, bool Descending)> sortBy,
        Func<T, string, IComparable> key, (string Field, bool Descending) defaultKey, Func<T, long> sequence)
    {
        var keys = sortBy.Count > 0 ? sortBy : [defaultKey];
        var list = items.ToList();
        list.Sort((a, b) =>
        {
            foreach (var (field, descending) in keys)
            {
                var compared = key(a, field).CompareTo(key(b, field));
                if (compared != 0)
                {
                    return descending ? -compared : compared;
                }
            }

            var bySequence = sequence(a).CompareTo(sequence(b));
            return keys[0].Descending ? -bySequence : bySequence;
        });
        return list;
    }
}
