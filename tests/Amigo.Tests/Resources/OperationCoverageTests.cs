using System.Reflection;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Resources;

/// <summary>
/// The façade's resource methods: the operations below (19 of the spec's 116, plus sign-in, which the client performs
/// itself). Every other operation is reachable through the generated clients (<c>client.&lt;Group&gt;.Generated</c>).
/// </summary>
[TestFixture]
public sealed class OperationCoverageTests
{
    /// <summary>Operation id → resource property and method of <see cref="AmigoClient"/>; docs/operations.md shows the same table.</summary>
    public static readonly IReadOnlyDictionary<string, (string Resource, string Method)> FacadeMethods = new Dictionary<string, (string, string)>
    {
        ["get-conversations"] = ("Conversations", "ListAsync"),
        ["get-conversation-messages"] = ("Conversations", "GetMessagesAsync"),
        ["finish-conversation"] = ("Conversations", "FinishAsync"),
        ["recommend-responses-for-interaction"] = ("Conversations", "RecommendResponsesAsync"),
        ["get-interaction-insights"] = ("Conversations", "GetInteractionInsightsAsync"),
        ["retrieve-message-source"] = ("Conversations", "GetMessageSourceAsync"),
        ["generate-conversation-starter"] = ("Conversations", "GenerateStartersAsync"),
        ["modify-tags-of-conversation"] = ("Conversations", "ModifyTagsAsync"),
        ["get-dynamic-behavior-sets"] = ("DynamicBehaviorSets", "ListAsync"),
        ["create-dynamic-behavior-set"] = ("DynamicBehaviorSets", "CreateAsync"),
        ["update-dynamic-behavior-set"] = ("DynamicBehaviorSets", "UpdateAsync"),
        ["delete-dynamic-behavior-instruction"] = ("DynamicBehaviorSets", "DeleteAsync"),
        ["get-dynamic-behavior-set-versions"] = ("DynamicBehaviorSets", "ListVersionsAsync"),
        ["create-dynamic-behavior-set-version"] = ("DynamicBehaviorSets", "CreateVersionAsync"),
        ["search-dynamic-behavior-sets"] = ("DynamicBehaviorSets", "SearchAsync"),
        ["get-dynamic-behavior-invocations"] = ("DynamicBehaviorSets", "ListInvocationsAsync"),
        ["evaluate-metrics"] = ("Metrics", "EvaluateAsync"),
        ["create-conversation"] = ("Conversations", "CreateAsync"),
        ["interact-with-conversation"] = ("Conversations", "InteractAsync"),
    };

    /// <summary>Sign-in, which the client performs itself for API key credentials.</summary>
    private static readonly string[] CoveredElsewhere = ["sign-in-with-api-key"];

    [Test]
    public void TheCoveredOperations_HaveFacadeMethods()
    {
        var specOperations = SpecOperationIds();
        Assert.That(specOperations, Has.Count.EqualTo(116), "openapi/ holds the published spec's 116 operations");
        Assert.That(FacadeMethods, Has.Count.EqualTo(19));
        Assert.That(specOperations, Is.SupersetOf(FacadeMethods.Keys.Concat(CoveredElsewhere)), "façade table entries that are not in the spec");

        foreach (var (operation, (resource, method)) in FacadeMethods)
        {
            var resourceType = typeof(AmigoClient).GetProperty(resource)?.PropertyType;
            Assert.That(resourceType, Is.Not.Null, $"{operation}: AmigoClient.{resource}");
            var methods = resourceType!.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == method).ToArray();
            Assert.That(methods, Is.Not.Empty, $"{operation}: {resource}.{method}");
            Assert.That(methods.All(m => m.GetParameters().LastOrDefault() is { ParameterType: var t, HasDefaultValue: true } && t == typeof(CancellationToken)),
                $"{operation}: {resource}.{method} takes an optional CancellationToken last");
        }
    }

    private static HashSet<string> SpecOperationIds()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "openapi")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "openapi/ not found above the test directory");
        var ids = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(directory!.FullName, "openapi"), "*.json", SearchOption.AllDirectories))
        {
            if (JObject.Parse(File.ReadAllText(file))["paths"] is not JObject paths)
            {
                continue;
            }

            foreach (var operation in paths.Properties().SelectMany(p => ((JObject)p.Value).Properties()))
            {
                if (operation.Value["operationId"]?.ToString() is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }
}
