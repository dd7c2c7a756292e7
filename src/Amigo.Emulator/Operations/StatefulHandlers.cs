using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using Amigo.Emulator.Http;
using Amigo.Emulator.State;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary>The operations answered from in-memory state, by operation id; the router sends every other operation of
/// the spec to <see cref="SynthesizedOperations"/>.</summary>
internal static class StatefulHandlers
{
    public static readonly Resource Services = new("service", "get-services") { Sync = SyncServices };
    public static readonly Resource Users = new("user", "get-users") { IdField = "user_id", Sync = SyncUsers };
    public static readonly Resource Agents = new("agent", "get-agents") { VersionsOperation = "get-agent-versions" };
    public static readonly Resource StateMachines = new("service hierarchical state machine", "get-service-hierarchical-state-machines")
    {
        VersionsOperation = "get-service-hierarchical-state-machine-versions",
    };
    public static readonly Resource ApiKeys = new("API key", "get-api-keys") { IdField = "_id", Sync = SyncApiKeys };
    public static readonly Resource Roles = new("role", "get-roles") { LookupField = "name" };
    public static readonly Resource Metrics = new("metric", "get-metrics") { VersionsOperation = "get-metric-versions" };
    public static readonly Resource Organization = new("organization", "get-organization") { Sync = SyncOrganization };

    public static IReadOnlyDictionary<string, Func<Call, Task>> All { get; } = new Dictionary<string, Func<Call, Task>>(StringComparer.Ordinal)
    {
        [EmulatorOperations.SignInWithApiKey] = UserOperations.SignInWithApiKeyAsync,
        [EmulatorOperations.EvaluateMetrics] = MetricOperations.EvaluateAsync,
        [EmulatorOperations.GetConversations] = ConversationOperations.ListAsync,
        [EmulatorOperations.CreateConversation] = ConversationStreams.CreateAsync,
        [EmulatorOperations.GenerateConversationStarter] = ConversationOperations.GenerateStartersAsync,
        [EmulatorOperations.InteractWithConversation] = ConversationStreams.InteractAsync,
        [EmulatorOperations.FinishConversation] = ConversationOperations.FinishAsync,
        [EmulatorOperations.GetConversationMessages] = ConversationOperations.MessagesAsync,
        [EmulatorOperations.GetInteractionInsights] = ConversationOperations.InsightsAsync,
        [EmulatorOperations.RecommendResponsesForInteraction] = ConversationOperations.RecommendResponsesAsync,
        [EmulatorOperations.RetrieveMessageSource] = ConversationOperations.MessageSourceAsync,
        [EmulatorOperations.ModifyTagsOfConversation] = ConversationOperations.ModifyTagsAsync,
        [EmulatorOperations.GetDynamicBehaviorSets] = DynamicBehaviorSetOperations.ListAsync,
        [EmulatorOperations.CreateDynamicBehaviorSet] = DynamicBehaviorSetOperations.CreateAsync,
        [EmulatorOperations.SearchDynamicBehaviorSets] = DynamicBehaviorSetOperations.SearchAsync,
        [EmulatorOperations.UpdateDynamicBehaviorSet] = DynamicBehaviorSetOperations.UpdateAsync,
        [EmulatorOperations.DeleteDynamicBehaviorInstruction] = DynamicBehaviorSetOperations.DeleteAsync,
        [EmulatorOperations.GetDynamicBehaviorSetVersions] = DynamicBehaviorSetOperations.ListVersionsAsync,
        [EmulatorOperations.CreateDynamicBehaviorSetVersion] = DynamicBehaviorSetOperations.CreateVersionAsync,
        [EmulatorOperations.GetDynamicBehaviorInvocations] = DynamicBehaviorSetOperations.ListInvocationsAsync,

        ["get-services"] = ResourceOperations.List(Services),
        ["create-service"] = ResourceOperations.Create(Services, CreateService),
        ["update-service"] = ResourceOperations.Update(Services),
        ["upsert-service-version-set"] = ResourceOperations.Modify(Services, UpsertVersionSet),
        ["delete-service-version-set"] = ResourceOperations.Modify(Services, DeleteVersionSet),

        ["get-users"] = ResourceOperations.List(Users),
        ["search-users"] = ResourceOperations.Search(Users),
        ["create-invited-user"] = ResourceOperations.Create(Users, CreateUser),
        ["update-user-info"] = ResourceOperations.Update(Users),
        ["delete-user"] = ResourceOperations.Delete(Users, (call, item, _, _) =>
        {
            call.Store.Users.Remove((string)item["user_id"]!);
            return null;
        }),

        ["get-organization"] = ResourceOperations.Modify(Organization, (_, item, _, response) =>
        {
            Copy(item, response);
            return null;
        }),
        ["create-organization"] = CreateOrganizationAsync,
        ["modify-organization"] = ResourceOperations.Update(Organization),
        ["delete-organization"] = ResourceOperations.Delete(Organization, (call, _, _, _) =>
        {
            call.Store.OrganizationDeleted = true;
            return null;
        }),

        ["get-agents"] = ResourceOperations.List(Agents),
        ["create-agent"] = ResourceOperations.Create(Agents, Unversioned),
        ["delete-agent"] = ResourceOperations.Delete(Agents),
        ["create-agent-version"] = ResourceOperations.CreateVersion(Agents),
        ["get-agent-versions"] = ResourceOperations.ListVersions(Agents),

        ["get-service-hierarchical-state-machines"] = ResourceOperations.List(StateMachines),
        ["create-service-hierarchical-state-machine"] = ResourceOperations.Create(StateMachines, Unversioned),
        ["delete-service-hierarchical-state-machine"] = ResourceOperations.Delete(StateMachines),
        ["create-service-hierarchical-state-machine-version"] = ResourceOperations.CreateVersion(StateMachines),
        ["get-service-hierarchical-state-machine-versions"] = ResourceOperations.ListVersions(StateMachines),

        ["get-api-keys"] = ResourceOperations.List(ApiKeys),
        ["create-api-key"] = ResourceOperations.Create(ApiKeys, CreateApiKey),
        ["delete-api-key"] = ResourceOperations.Delete(ApiKeys, (call, item, _, response) =>
        {
            call.Store.ApiKeys.Remove((string)item["_id"]!);
            if (response is not null)
            {
                response["deleted_key_id"] = item["_id"]!.DeepClone();
            }

            return null;
        }),

        ["get-roles"] = ResourceOperations.List(Roles),
        ["create-role"] = ResourceOperations.Create(Roles, (call, item, _, _) =>
            ResourceOperations.Collection(call, Roles).Find("name", (string)item["name"]!) is null
                ? null
                : (409, $"A role named {item["name"]} already exists.")),
        ["modify-role"] = ResourceOperations.Update(Roles, RoleId),
        ["assign-role"] = ResourceOperations.Modify(Roles, (call, item, body, response) =>
            ResourceOperations.Collection(call, Users).Find("user_id", (string?)body["user_id"] ?? "") is null
                ? (404, "User not found.")
                : RoleId(call, item, body, response)),

        ["get-metrics"] = ResourceOperations.List(Metrics),
        ["search-metrics"] = ResourceOperations.Search(Metrics),
        ["create-metric"] = ResourceOperations.Create(Metrics),
        ["update-metric"] = ResourceOperations.Update(Metrics),
        ["delete-metric"] = ResourceOperations.Delete(Metrics),
        ["create-metric-version"] = ResourceOperations.CreateVersion(Metrics),
        ["get-metric-versions"] = ResourceOperations.ListVersions(Metrics),

        ["get-webhook-destinations"] = WebhookOperations.ListAsync,
        ["create-webhook-destination"] = WebhookOperations.CreateAsync,
        ["update-webhook-destination"] = WebhookOperations.UpdateAsync,
        ["delete-webhook-destination"] = WebhookOperations.DeleteAsync,
        ["rotate-webhook-destination-secret"] = WebhookOperations.RotateAsync,
        ["get-webhook-deliveries"] = WebhookOperations.DeliveriesAsync,
    };

    private static (int, string)? Unversioned(Call call, JObject item, JObject body, JObject? response)
    {
        if (item.ContainsKey("latest_version"))
        {
            item["latest_version"] = 0;
        }

        if (item.ContainsKey("deprecated"))
        {
            item["deprecated"] = false;
        }

        return null;
    }

    private static (int, string)? RoleId(Call call, JObject item, JObject body, JObject? response)
    {
        if (response is not null)
        {
            response["role_id"] = item["id"]!.DeepClone();
        }

        return null;
    }

    private static void Copy(JObject item, JObject? response)
    {
        foreach (var property in response?.Properties().ToList() ?? [])
        {
            if (item[property.Name] is { } value)
            {
                property.Value = value.DeepClone();
            }
        }
    }

    private static (int, string)? CreateService(Call call, JObject item, JObject body, JObject? response)
    {
        item["is_active"] = body["is_active"]?.DeepClone() ?? true;
        var versionSets = new JObject();
        var release = ResourceOperations.Properties(Services.ItemSchema)["version_sets"];
        var releaseSet = (JObject?)new Spec.SchemaSynthesizer(Spec.EmulatorSpec.Instance).Value(release).First?.First ?? [];
        if (body["release_version_set"] is JObject given)
        {
            ResourceOperations.Overlay(releaseSet, (JObject)Spec.EmulatorSpec.Instance.Resolve(release)["additionalProperties"]!, given);
        }

        versionSets["release"] = releaseSet;
        item["version_sets"] = versionSets;
        var id = (string)item["id"]!;
        call.Store.Services[id] = new ServiceRecord
        {
            Id = id,
            Name = (string?)item["name"] ?? id,
            VersionSets = ["release"],
            AgentId = (string?)item["agent_id"] ?? call.Store.NewId(),
            StateMachineId = (string?)item["service_hierarchical_state_machine_id"] ?? call.Store.NewId(),
        };
        return null;
    }

    private static (int, string)? UpsertVersionSet(Call call, JObject item, JObject body, JObject? response)
    {
        var name = call.Path("version_set_name");
        var sets = item["version_sets"] as JObject ?? [];
        var schema = (JObject)Spec.EmulatorSpec.Instance.Resolve(ResourceOperations.Properties(Services.ItemSchema)["version_sets"])["additionalProperties"]!;
        var set = sets[name] as JObject ?? (JObject)new Spec.SchemaSynthesizer(Spec.EmulatorSpec.Instance).Value(schema);
        if (body["version_set"] is JObject given)
        {
            ResourceOperations.Overlay(set, schema, given);
        }

        sets[name] = set;
        item["version_sets"] = sets;
        SyncVersionSets(call, item);
        return null;
    }

    private static (int, string)? DeleteVersionSet(Call call, JObject item, JObject body, JObject? response)
    {
        var name = call.Path("version_set_name");
        if (name is "release" or "edge")
        {
            return (400, $"The {name} version set cannot be deleted.");
        }

        if (item["version_sets"] is not JObject sets || !sets.Remove(name))
        {
            return (404, $"Version set {name} not found.");
        }

        SyncVersionSets(call, item);
        return null;
    }

    private static void SyncVersionSets(Call call, JObject item)
    {
        var id = (string)item["id"]!;
        if (call.Store.Services.TryGetValue(id, out var service) && item["version_sets"] is JObject sets)
        {
            var names = sets.Properties().Select(p => p.Name).ToList();
            call.Store.Services[id] = new ServiceRecord
            {
                Id = service.Id, Name = service.Name, AgentId = service.AgentId, StateMachineId = service.StateMachineId,
                VersionSets = names.Count == 0 ? service.VersionSets : names,
            };
        }
    }

    private static (int, string)? CreateUser(Call call, JObject item, JObject body, JObject? response)
    {
        var email = (string?)body["email"];
        if (email is not null && ResourceOperations.Collection(call, Users).Items.Any(u => (string?)u["email"] == email))
        {
            return (409, "A user with this email already exists.");
        }

        var id = call.Store.NewId();
        item["user_id"] = id;
        if (response is not null)
        {
            response["user_id"] = id;
            response["verify_link"] = $"https://login.example.com/verify/{id}";
        }

        call.Store.Users[id] = new UserRecord { Id = id, Name = $"{body["first_name"]} {body["last_name"]}".Trim() };
        return null;
    }

    private static (int, string)? CreateApiKey(Call call, JObject item, JObject body, JObject? response)
    {
        var id = (string)item["_id"]!;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var lifetime = (string?)body["duration"] is { } duration ? Duration(duration) : TimeSpan.FromDays(30);
        var expiresAt = EmulatorStore.Iso(call.Store.Now + lifetime);
        item["key_id"] = id;
        item["expires_at"] = expiresAt;
        call.Store.ApiKeys[id] = key;
        if (response is not null)
        {
            response["api_key_id"] = id;
            response["api_key"] = key;
            response["expires_at"] = expiresAt;
        }

        return null;
    }

    private static TimeSpan Duration(string text)
    {
        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return TimeSpan.FromDays(30);
        }
    }

    private static async Task CreateOrganizationAsync(Call call)
    {
        var (valid, body) = await call.ValidateAsync();
        if (!valid)
        {
            return;
        }

        JToken? response;
        lock (call.Store.Gate)
        {
            call.Store.OrganizationDeleted = false;
            var organizations = ResourceOperations.Collection(call, Organization);
            ResourceOperations.Overlay(organizations.Items[0], Organization.ItemSchema, body ?? []);
            response = SynthesizedOperations.Synthesize(call.Spec);
            if (response is JObject created)
            {
                created["org_id"] = call.Store.OrganizationId;
            }
        }

        await SynthesizedOperations.WriteSuccessAsync(call, response);
    }

    private static void SyncOrganization(Call call, ResourceCollection organizations)
    {
        if (call.Store.OrganizationDeleted || organizations.Items.Count > 0)
        {
            return;
        }

        var item = ResourceOperations.NewItem(call, Organization.ItemSchema);
        item["org_id"] = call.Store.OrganizationId;
        item["org_name"] = "Emulated Organization";
        organizations.Add(item);
    }

    private static void SyncServices(Call call, ResourceCollection services)
    {
        foreach (var service in call.Store.Services.Values.Where(s => services.Find("id", s.Id) is null).ToList())
        {
            var item = ResourceOperations.NewItem(call, Services.ItemSchema);
            var schema = (JObject)Spec.EmulatorSpec.Instance.Resolve(ResourceOperations.Properties(Services.ItemSchema)["version_sets"])["additionalProperties"]!;
            var sets = new JObject();
            foreach (var name in service.VersionSets)
            {
                var set = (JObject)new Spec.SchemaSynthesizer(Spec.EmulatorSpec.Instance).Value(schema);
                if (set.ContainsKey("agent_version_number"))
                {
                    set["agent_version_number"] = 1;
                }

                sets[name] = set;
            }

            item["id"] = service.Id;
            item["name"] = service.Name;
            item["description"] = $"{service.Name}, served by the Amigo emulator.";
            item["is_active"] = true;
            item["agent_id"] = service.AgentId;
            item["service_hierarchical_state_machine_id"] = service.StateMachineId;
            item["version_sets"] = sets;
            services.Add(item);
        }
    }

    private static void SyncUsers(Call call, ResourceCollection users)
    {
        foreach (var user in call.Store.Users.Values.Where(u => users.Find("user_id", u.Id) is null).ToList())
        {
            var item = ResourceOperations.NewItem(call, Users.ItemSchema);
            var names = user.Name.Split(' ', 2);
            item["user_id"] = user.Id;
            item["first_name"] = names[0];
            item["last_name"] = names.Length > 1 ? names[1] : "";
            item["email"] = $"{user.Id}@example.com";
            users.Add(item);
        }
    }

    private static void SyncApiKeys(Call call, ResourceCollection keys)
    {
        foreach (var id in call.Store.ApiKeys.Keys.Where(k => keys.Find("_id", k) is null).ToList())
        {
            var item = ResourceOperations.NewItem(call, ApiKeys.ItemSchema);
            item["_id"] = id;
            item["key_id"] = id;
            item["name"] = id;
            item["expires_at"] = EmulatorStore.Iso(call.Store.Now + TimeSpan.FromDays(365));
            keys.Add(item);
        }
    }
}
