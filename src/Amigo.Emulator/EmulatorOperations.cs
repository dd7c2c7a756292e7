namespace Amigo.Emulator;

/// <summary>The spec's operation ids, used to target fault injection and to label recorded requests; the constants
/// name the operations with hand-written behaviour, the lists are computed from the merged spec.</summary>
public static class EmulatorOperations
{
    /// <summary><c>POST /v1/{organization}/user/signin_with_api_key</c>.</summary>
    public const string SignInWithApiKey = "sign-in-with-api-key";
    /// <summary><c>POST /v1/{organization}/conversation/</c> (NDJSON stream).</summary>
    public const string CreateConversation = "create-conversation";
    /// <summary><c>GET /v1/{organization}/conversation/</c>.</summary>
    public const string GetConversations = "get-conversations";
    /// <summary><c>POST /v1/{organization}/conversation/{conversation_id}/interact</c> (NDJSON stream).</summary>
    public const string InteractWithConversation = "interact-with-conversation";
    /// <summary><c>POST /v1/{organization}/conversation/{conversation_id}/finish/</c>.</summary>
    public const string FinishConversation = "finish-conversation";
    /// <summary><c>GET /v1/{organization}/conversation/{conversation_id}/messages/</c>.</summary>
    public const string GetConversationMessages = "get-conversation-messages";
    /// <summary><c>GET /v1/{organization}/conversation/{conversation_id}/interaction/{interaction_id}/insights</c>.</summary>
    public const string GetInteractionInsights = "get-interaction-insights";
    /// <summary><c>POST /v1/{organization}/conversation/{conversation_id}/interaction/{interaction_id}/recommend_responses</c>.</summary>
    public const string RecommendResponsesForInteraction = "recommend-responses-for-interaction";
    /// <summary><c>GET /v1/{organization}/conversation/{conversation_id}/messages/{message_id}/source</c>.</summary>
    public const string RetrieveMessageSource = "retrieve-message-source";
    /// <summary><c>POST /v1/{organization}/conversation/conversation_starter</c>.</summary>
    public const string GenerateConversationStarter = "generate-conversation-starter";
    /// <summary><c>POST /v1/{organization}/conversation/{conversation_id}/tags/</c>.</summary>
    public const string ModifyTagsOfConversation = "modify-tags-of-conversation";
    /// <summary><c>GET /v1/{organization}/dynamic_behavior_set/</c>.</summary>
    public const string GetDynamicBehaviorSets = "get-dynamic-behavior-sets";
    /// <summary><c>POST /v1/{organization}/dynamic_behavior_set/</c>.</summary>
    public const string CreateDynamicBehaviorSet = "create-dynamic-behavior-set";
    /// <summary><c>POST /v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/</c>.</summary>
    public const string UpdateDynamicBehaviorSet = "update-dynamic-behavior-set";
    /// <summary><c>DELETE /v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/</c> (deletes a set).</summary>
    public const string DeleteDynamicBehaviorInstruction = "delete-dynamic-behavior-instruction";
    /// <summary><c>GET /v1/{organization}/dynamic_behavior_set/search</c>.</summary>
    public const string SearchDynamicBehaviorSets = "search-dynamic-behavior-sets";
    /// <summary><c>GET /v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/version/</c>.</summary>
    public const string GetDynamicBehaviorSetVersions = "get-dynamic-behavior-set-versions";
    /// <summary><c>POST /v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/version/</c>.</summary>
    public const string CreateDynamicBehaviorSetVersion = "create-dynamic-behavior-set-version";
    /// <summary><c>GET /v1/{organization}/dynamic_behavior_set/{dynamic_behavior_set_id}/invocation/</c>.</summary>
    public const string GetDynamicBehaviorInvocations = "get-dynamic-behavior-invocations";
    /// <summary><c>POST /v1/{organization}/metric/evaluate</c>.</summary>
    public const string EvaluateMetrics = "evaluate-metrics";

    /// <summary>The two operations that answer with an NDJSON event stream.</summary>
    public static IReadOnlyList<string> Streaming { get; } = [CreateConversation, InteractWithConversation];

    /// <summary>The ids of every operation of the merged spec (all of which the emulator serves), sorted.</summary>
    public static IReadOnlyList<string> All => Lists.Value.All;

    /// <summary>The operations answered from in-memory state (conversations, dynamic behavior sets, metrics, services,
    /// users, the organization, agents, state machines, API keys, roles, webhook destinations, sign-in), sorted.</summary>
    public static IReadOnlyList<string> Stateful => Lists.Value.Stateful;

    /// <summary>The other operations: validated against the spec and answered with a response synthesized from
    /// the spec's schema, sorted.</summary>
    public static IReadOnlyList<string> Synthesized => Lists.Value.Synthesized;

    private static readonly Lazy<(IReadOnlyList<string> All, IReadOnlyList<string> Stateful, IReadOnlyList<string> Synthesized)> Lists = new(() =>
    {
        var routes = Http.Router.Routes;
        return (
            [.. routes.Select(r => r.Operation).Order(StringComparer.Ordinal)],
            [.. routes.Where(r => r.Stateful).Select(r => r.Operation).Order(StringComparer.Ordinal)],
            [.. routes.Where(r => !r.Stateful).Select(r => r.Operation).Order(StringComparer.Ordinal)]);
    });
}
