using System.Text.RegularExpressions;
using Amigo.Emulator.Operations;

namespace Amigo.Emulator.Http;

/// <summary>The spec's twenty routes, matched exactly (trailing slashes included, as the spec writes them).</summary>
internal static partial class Router
{
    internal sealed record Route(string Method, Regex Pattern, string Operation, Func<Call, Task> Handler);

    private const string Org = "/v1/(?<organization>[^/]+)";
    private const string Conversation = Org + "/conversation/(?<conversation_id>[^/]+)";
    private const string Set = Org + "/dynamic_behavior_set/(?<dynamic_behavior_set_id>[^/]+)";

    /// <summary>Path parameters the spec constrains to 24 hex characters.</summary>
    public static readonly string[] HexPathParameters =
        ["conversation_id", "interaction_id", "message_id", "dynamic_behavior_set_id"];

    public static IReadOnlyList<Route> Routes { get; } =
    [
        R("POST", Org + "/user/signin_with_api_key", EmulatorOperations.SignInWithApiKey, UserOperations.SignInWithApiKeyAsync),
        R("POST", Org + "/metric/evaluate", EmulatorOperations.EvaluateMetrics, MetricOperations.EvaluateAsync),
        R("GET", Org + "/conversation/", EmulatorOperations.GetConversations, ConversationOperations.ListAsync),
        R("POST", Org + "/conversation/", EmulatorOperations.CreateConversation, ConversationStreams.CreateAsync),
        R("POST", Org + "/conversation/conversation_starter", EmulatorOperations.GenerateConversationStarter, ConversationOperations.GenerateStartersAsync),
        R("POST", Conversation + "/interact", EmulatorOperations.InteractWithConversation, ConversationStreams.InteractAsync),
        R("POST", Conversation + "/finish/", EmulatorOperations.FinishConversation, ConversationOperations.FinishAsync),
        R("GET", Conversation + "/messages/", EmulatorOperations.GetConversationMessages, ConversationOperations.MessagesAsync),
        R("GET", Conversation + "/interaction/(?<interaction_id>[^/]+)/insights", EmulatorOperations.GetInteractionInsights, ConversationOperations.InsightsAsync),
        R("POST", Conversation + "/interaction/(?<interaction_id>[^/]+)/recommend_responses", EmulatorOperations.RecommendResponsesForInteraction, ConversationOperations.RecommendResponsesAsync),
        R("GET", Conversation + "/messages/(?<message_id>[^/]+)/source", EmulatorOperations.RetrieveMessageSource, ConversationOperations.MessageSourceAsync),
        R("POST", Conversation + "/tags/", EmulatorOperations.ModifyTagsOfConversation, ConversationOperations.ModifyTagsAsync),
        R("GET", Org + "/dynamic_behavior_set/", EmulatorOperations.GetDynamicBehaviorSets, DynamicBehaviorSetOperations.ListAsync),
        R("POST", Org + "/dynamic_behavior_set/", EmulatorOperations.CreateDynamicBehaviorSet, DynamicBehaviorSetOperations.CreateAsync),
        R("GET", Org + "/dynamic_behavior_set/search", EmulatorOperations.SearchDynamicBehaviorSets, DynamicBehaviorSetOperations.SearchAsync),
        R("POST", Set + "/", EmulatorOperations.UpdateDynamicBehaviorSet, DynamicBehaviorSetOperations.UpdateAsync),
        R("DELETE", Set + "/", EmulatorOperations.DeleteDynamicBehaviorInstruction, DynamicBehaviorSetOperations.DeleteAsync),
        R("GET", Set + "/version/", EmulatorOperations.GetDynamicBehaviorSetVersions, DynamicBehaviorSetOperations.ListVersionsAsync),
        R("POST", Set + "/version/", EmulatorOperations.CreateDynamicBehaviorSetVersion, DynamicBehaviorSetOperations.CreateVersionAsync),
        R("GET", Set + "/invocation/", EmulatorOperations.GetDynamicBehaviorInvocations, DynamicBehaviorSetOperations.ListInvocationsAsync),
    ];

    /// <summary>Finds the route for a request. <paramref name="pathMatched"/> tells a wrong method (405) from an unknown path (404).</summary>
    public static Route? Match(string method, string path, out Dictionary<string, string> values, out bool pathMatched)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        pathMatched = false;
        foreach (var route in Routes)
        {
            var match = route.Pattern.Match(path);
            if (!match.Success)
            {
                continue;
            }

            pathMatched = true;
            if (!string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var name in route.Pattern.GetGroupNames().Where(n => !int.TryParse(n, out _)))
            {
                values[name] = Uri.UnescapeDataString(match.Groups[name].Value);
            }

            return route;
        }

        return null;
    }

    private static Route R(string method, string pattern, string operation, Func<Call, Task> handler) =>
        new(method, new Regex("^" + pattern + "$", RegexOptions.CultureInvariant), operation, handler);
}
