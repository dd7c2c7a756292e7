using Amigo.Emulator.Http;
using Amigo.Emulator.State;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary>The dynamic behavior set operations, on in-memory sets, versions and invocations.</summary>
internal static class DynamicBehaviorSetOperations
{
    private const string TagPattern = @"^[\w\s]+$";
    private static readonly string[] ResultPersistence = ["ephemeral", "persisted-preferred", "persisted"];
    private static readonly string[] ActionTypes = ["inject-instruction", "change-tool-candidates"];

    public static async Task ListAsync(Call call)
    {
        var query = call.Query;
        var ids = query.HexIds("id");
        var limit = query.Int("limit", 50, minimum: 0, maximum: 50);
        var token = query.ContinuationToken();
        var isActive = query.Bool("is_active");
        var services = query.HexIds("applied_to_service");
        var creators = query.List("creator", unique: true);
        var tags = query.Tags();
        var sortBy = query.SortBy("updated_at");
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        JObject response;
        lock (call.Store.Gate)
        {
            var matching = Filter(call.Store, isActive, services, creators, tags).Where(s => ids.Count == 0 || ids.Contains(s.Id)).ToList();
            var sorted = Views.Sort(matching, sortBy, (s, _) => s.UpdatedAt, ("updated_at", false), s => s.Sequence);
            response = Views.Page("dynamic_behavior_sets", sorted, token, limit, s => Views.Set(call.Store, s));
            response["filter_values"] = token == 0
                ? new JObject
                {
                    ["applied_to_services_ids"] = new JArray(matching.SelectMany(s => s.AppliedToServices).Distinct().Order(StringComparer.Ordinal)),
                    ["creators"] = new JArray(matching.Select(s => s.CreatorUserId).Distinct().Order(StringComparer.Ordinal)
                        .Select(u => Views.UserInfo(call.Store, u))),
                    ["tags"] = new JArray(matching.SelectMany(s => s.Tags.Keys).Distinct().Order(StringComparer.Ordinal)),
                }
                : JValue.CreateNull();
        }

        await call.WriteJsonAsync(200, response);
    }

    public static async Task SearchAsync(Call call)
    {
        var query = call.Query;
        var text = query.String("query", required: true, minLength: 1, strip: true);
        var isActive = query.Bool("is_active");
        var services = query.HexIds("applied_to_service");
        var creators = query.List("creator", unique: true);
        for (var i = 0; i < creators.Count; i++)
        {
            if (creators[i].Split(',') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                call.Validation.ValueError("each creator must be of the format 'org_id,user_id'", creators[i], "query", "creator", i);
            }
        }

        var tags = query.Tags();
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        var terms = text!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        JObject response;
        lock (call.Store.Gate)
        {
            var results = Filter(call.Store, isActive, services, creators, tags)
                .Select(s => (Set: s, Score: terms.Count(term =>
                    s.Name.Contains(term, StringComparison.OrdinalIgnoreCase) ||
                    s.Latest.ConversationTriggers.Any(trigger => trigger.Contains(term, StringComparison.OrdinalIgnoreCase)))))
                .Where(r => r.Score > 0)
                .OrderByDescending(r => r.Score)
                .ThenBy(r => r.Set.Sequence)
                .Take(50);
            response = new JObject { ["dynamic_behavior_sets"] = new JArray(results.Select(r => Views.Set(call.Store, r.Set))) };
        }

        await call.WriteJsonAsync(200, response);
    }

    public static async Task CreateAsync(Call call)
    {
        var body = await call.ReadJsonAsync();
        string? name = null;
        Dictionary<string, string?>? tags = null;
        List<string>? services = null;
        bool? isActive = null;
        (List<string> Triggers, JArray Actions)? version = null;
        if (body is not null)
        {
            var reader = call.Body;
            name = reader.String(body, "name", ["body"], stripped: true, minLength: 1);
            tags = reader.Tags(body, "tags", ["body"], required: true, nullable: false, keyPattern: TagPattern,
                valuePattern: TagPattern, valueMaxLength: null);
            services = reader.StringList(body, "applied_to_services", ["body"], itemPattern: QueryReader.HexIdPattern);
            var initial = reader.Object(body, "initial_version", ["body"]);
            if (initial is not null)
            {
                isActive = reader.Bool(initial, "is_active", ["body", "initial_version"]);
                version = VersionBody(call, initial, ["body", "initial_version"]);
            }
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        (int, string)? refusal = null;
        string id = "";
        lock (call.Store.Gate)
        {
            var store = call.Store;
            if (services!.FirstOrDefault(s => !store.Services.ContainsKey(s)) is { } missing)
            {
                refusal = (404, $"Service {missing} not found.");
            }
            else if (isActive == true && store.Sets.Values.Any(s => s.IsActive && s.Name == name))
            {
                refusal = (409, "An active dynamic behavior set with the same name already exists.");
            }
            else
            {
                var now = store.Now;
                id = store.NewId();
                var set = new DynamicBehaviorSetRecord
                {
                    Id = id,
                    Sequence = store.NextSequence(),
                    Name = name!,
                    IsActive = isActive!.Value,
                    AppliedToServices = services!.Distinct().ToList(),
                    Tags = tags!,
                    CreatedAt = now,
                    CreatorUserId = call.UserId,
                    UpdatedAt = now,
                    UpdatedByUserId = call.UserId,
                };
                set.Versions.Add(NewVersion(store, 1, version!.Value.Triggers, version.Value.Actions, call.UserId));
                store.Sets[id] = set;
            }
        }

        await (refusal is { } r
            ? call.DetailAsync(r.Item1, r.Item2)
            : call.WriteJsonAsync(201, new JObject { ["dynamic_behavior_set_id"] = id }));
    }

    public static async Task UpdateAsync(Call call)
    {
        var body = await call.ReadJsonAsync();
        if (body is not null)
        {
            var reader = call.Body;
            reader.String(body, "name", ["body"], required: false, nullable: true, stripped: true, minLength: 1);
            reader.Tags(body, "tags", ["body"], required: false, nullable: true, keyPattern: TagPattern, valuePattern: TagPattern,
                valueMaxLength: null);
            reader.StringList(body, "applied_to_services", ["body"], required: false, nullable: true, itemPattern: QueryReader.HexIdPattern);
            reader.Bool(body, "is_active", ["body"], required: false, nullable: true);
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        (int, string)? refusal = null;
        lock (call.Store.Gate)
        {
            var store = call.Store;
            if (!store.Sets.TryGetValue(call.Path("dynamic_behavior_set_id"), out var set))
            {
                refusal = (404, "Dynamic behavior set not found.");
            }
            else
            {
                // An absent field leaves the value unchanged. An explicit null also leaves name and is_active
                // unchanged, but clears tags and applied_to_services.
                var name = body!["name"] is JValue { Type: JTokenType.String } n ? ((string)n!).Trim() : set.Name;
                var isActive = body["is_active"] is JValue { Type: JTokenType.Boolean } a ? (bool)a : set.IsActive;
                var services = body.TryGetValue("applied_to_services", out var s)
                    ? s.Type == JTokenType.Null ? [] : s.Values<string>().OfType<string>().Distinct().ToList()
                    : set.AppliedToServices;
                if (services.FirstOrDefault(id => !store.Services.ContainsKey(id)) is { } missing)
                {
                    refusal = (404, $"Service {missing} not found.");
                }
                else if (isActive && store.Sets.Values.Any(other => other != set && other.IsActive && other.Name == name))
                {
                    refusal = (409, "Another active set with the same name already exists.");
                }
                else
                {
                    set.Name = name;
                    set.IsActive = isActive;
                    set.AppliedToServices = services;
                    if (body.TryGetValue("tags", out var tags))
                    {
                        set.Tags = tags is JObject map
                            ? map.Properties().ToDictionary(p => p.Name.Trim(), p => p.Value.Type == JTokenType.Null ? null : ((string)p.Value!)!.Trim(), StringComparer.Ordinal)
                            : new Dictionary<string, string?>(StringComparer.Ordinal);
                    }

                    set.UpdatedAt = store.Now;
                    set.UpdatedByUserId = call.UserId;
                }
            }
        }

        await (refusal is { } r ? call.DetailAsync(r.Item1, r.Item2) : call.NoContentAsync());
    }

    public static async Task DeleteAsync(Call call)
    {
        bool removed;
        lock (call.Store.Gate)
        {
            removed = call.Store.Sets.Remove(call.Path("dynamic_behavior_set_id"));
        }

        await (removed ? call.WriteJsonAsync(200, JValue.CreateNull()) : call.NotFoundAsync("Dynamic behavior set"));
    }

    public static async Task ListVersionsAsync(Call call)
    {
        var query = call.Query;
        var versionFilter = query.String("version");
        var limit = query.Int("limit", 10, exclusiveMinimum: 0, maximum: 10);
        var token = query.ContinuationToken();
        var sortBy = query.SortBy("version");
        Func<int, int, bool>? matches = null;
        if (versionFilter is not null)
        {
            matches = ParseVersionFilter(versionFilter);
            if (matches is null)
            {
                call.Validation.ValueError("version must be a version number, 'latest', or an inclusive range 'lo-hi'",
                    versionFilter, "query", "version");
            }
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        JObject? response = null;
        lock (call.Store.Gate)
        {
            if (call.Store.Sets.TryGetValue(call.Path("dynamic_behavior_set_id"), out var set))
            {
                var latest = set.Latest.Version;
                var matching = set.Versions.Where(v => matches is null || matches(v.Version, latest));
                var sorted = Views.Sort(matching, sortBy, (v, _) => v.Version, ("version", false), v => v.Version);
                response = Views.Page("dynamic_behavior_set_versions", sorted, token, limit, v => Views.Version(call.Store, set, v));
            }
        }

        await (response is null ? call.NotFoundAsync("Dynamic behavior set") : call.WriteJsonAsync(200, response));
    }

    public static async Task CreateVersionAsync(Call call)
    {
        var expected = call.Query.Has("version") ? call.Query.Int("version", 0, exclusiveMinimum: 1) : (int?)null;
        var body = await call.ReadJsonAsync();
        (List<string> Triggers, JArray Actions)? version = null;
        if (body is not null)
        {
            version = VersionBody(call, body, ["body"]);
        }

        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        (int, string)? refusal = null;
        var number = 0;
        lock (call.Store.Gate)
        {
            if (!call.Store.Sets.TryGetValue(call.Path("dynamic_behavior_set_id"), out var set))
            {
                refusal = (404, "Dynamic behavior set not found.");
            }
            else
            {
                number = set.Latest.Version + 1;
                if (expected is int wanted && wanted != number)
                {
                    refusal = (400, $"The specified version number {wanted} is not the expected next version {number}.");
                }
                else
                {
                    set.Versions.Add(NewVersion(call.Store, number, version!.Value.Triggers, version.Value.Actions, call.UserId));
                    set.UpdatedAt = call.Store.Now;
                    set.UpdatedByUserId = call.UserId;
                }
            }
        }

        await (refusal is { } r
            ? call.DetailAsync(r.Item1, r.Item2)
            : call.WriteJsonAsync(201, new JObject { ["new_version_number"] = number }));
    }

    public static async Task ListInvocationsAsync(Call call)
    {
        var query = call.Query;
        var limit = query.Int("limit", 30, exclusiveMinimum: 0, maximum: 30);
        var token = query.ContinuationToken();
        var sortBy = query.SortBy("invoked_at");
        if (call.Validation.HasErrors)
        {
            await call.ValidationErrorAsync();
            return;
        }

        JObject? response = null;
        lock (call.Store.Gate)
        {
            if (call.Store.Sets.TryGetValue(call.Path("dynamic_behavior_set_id"), out var set))
            {
                var sorted = Views.Sort(set.Invocations, sortBy, (i, _) => i.InvokedAt, ("invoked_at", false), i => i.Sequence);
                response = Views.Page("dynamic_behavior_invocations", sorted, token, limit, i => Views.Invocation(call.Store, set, i));
            }
        }

        await (response is null ? call.NotFoundAsync("Dynamic behavior set") : call.WriteJsonAsync(200, response));
    }

    private static IEnumerable<DynamicBehaviorSetRecord> Filter(EmulatorStore store, bool? isActive, IReadOnlyList<string> services,
        IReadOnlyList<string> creators, IReadOnlyList<(string Key, string? Value, bool Any)> tags) =>
        store.Sets.Values.Where(s =>
            (isActive is null || s.IsActive == isActive) &&
            (services.Count == 0 || s.AppliedToServices.Any(services.Contains)) &&
            (creators.Count == 0 || creators.Contains(s.CreatorUserId) || creators.Contains($"{store.OrganizationId},{s.CreatorUserId}")) &&
            QueryReader.MatchesTags(s.Tags, tags));

    /// <summary>Parses <c>N</c>, <c>latest</c> or <c>lo-hi</c> into a predicate on (version, latest version).</summary>
    private static Func<int, int, bool>? ParseVersionFilter(string value)
    {
        if (value == "latest")
        {
            return (version, latest) => version == latest;
        }

        if (int.TryParse(value, out var exact))
        {
            return (version, _) => version == exact;
        }

        var parts = value.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], out var lo) && int.TryParse(parts[1], out var hi))
        {
            return (version, _) => version >= lo && version <= hi;
        }

        return null;
    }

    private static (List<string>, JArray)? VersionBody(Call call, JObject body, object[] at)
    {
        var reader = call.Body;
        var triggers = reader.StringList(body, "conversation_triggers", at, minItems: 1, maxItems: 50, stripped: true, itemMinLength: 1);
        var actions = reader.Array(body, "actions", at);
        var stored = new JArray();
        if (actions is not null)
        {
            for (var i = 0; i < actions.Count; i++)
            {
                object[] where = [.. at, "actions", i];
                if (actions[i] is not JObject action)
                {
                    call.Validation.Add("model_attributes_type", "Input should be a valid dictionary or object to extract fields from",
                        actions[i], null, where);
                    continue;
                }

                var type = action.Value<string>("type");
                if (type is null || !ActionTypes.Contains(type))
                {
                    call.Validation.Add(type is null ? "union_tag_not_found" : "union_tag_invalid",
                        type is null
                            ? "Unable to extract tag using discriminator 'type'"
                            : $"Input tag '{type}' found using 'type' does not match any of the expected tags: 'inject-instruction', 'change-tool-candidates'",
                        action, null, where);
                    continue;
                }

                object[] inner = [.. where, type];
                if (type == "inject-instruction")
                {
                    var instruction = reader.String(action, "instruction", inner, stripped: true, minLength: 1);
                    var overrides = reader.Bool(action, "overrides_instructions", inner);
                    stored.Add(new JObject { ["type"] = type, ["instruction"] = instruction, ["overrides_instructions"] = overrides });
                    continue;
                }

                var specs = reader.Array(action, "tool_call_specs", inner);
                var overridesSpecs = reader.Bool(action, "overrides_existing_tool_call_specs", inner);
                var storedSpecs = new JArray();
                for (var j = 0; j < (specs?.Count ?? 0); j++)
                {
                    object[] specAt = [.. inner, "tool_call_specs", j];
                    if (specs![j] is not JObject spec)
                    {
                        call.Validation.Add("model_type", "Input should be a valid dictionary or instance of ToolCallSpec", specs[j], null, specAt);
                        continue;
                    }

                    var persistence = reader.String(spec, "result_persistence", specAt);
                    if (persistence is not null && !ResultPersistence.Contains(persistence))
                    {
                        call.Validation.Choice(ResultPersistence, persistence, [.. specAt, "result_persistence"]);
                    }

                    storedSpecs.Add(new JObject
                    {
                        ["tool_id"] = reader.String(spec, "tool_id", specAt, pattern: QueryReader.HexIdPattern),
                        ["version_constraint"] = reader.String(spec, "version_constraint", specAt),
                        ["additional_instruction"] = reader.String(spec, "additional_instruction", specAt, stripped: true, minLength: 1),
                        ["audio_fillers"] = new JArray(reader.StringList(spec, "audio_fillers", specAt, maxItems: 5, stripped: true, itemMinLength: 1) ?? []),
                        ["audio_filler_triggered_after"] = reader.Number(spec, "audio_filler_triggered_after", specAt, exclusiveMinimum: 0, maximum: 10),
                        ["result_persistence"] = persistence,
                        ["tool_name"] = reader.String(spec, "tool_name", specAt, stripped: true, minLength: 1),
                    });
                }

                stored.Add(new JObject
                {
                    ["type"] = type,
                    ["tool_call_specs"] = storedSpecs,
                    ["overrides_existing_tool_call_specs"] = overridesSpecs,
                });
            }
        }

        return triggers is null || actions is null ? null : (triggers, stored);
    }

    private static DynamicBehaviorSetVersionRecord NewVersion(EmulatorStore store, int number, List<string> triggers, JArray actions, string userId) => new()
    {
        Id = store.NewId(),
        Version = number,
        ConversationTriggers = triggers,
        Actions = actions,
        CreatorUserId = userId,
        CreatedAt = store.Now,
    };
}
