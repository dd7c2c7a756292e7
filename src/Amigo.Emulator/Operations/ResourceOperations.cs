using System.Globalization;
using Amigo.Emulator.Http;
using Amigo.Emulator.Spec;
using Amigo.Emulator.State;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary>A stateful resource kept as the spec's item JSON: which list operation defines its item shape, which
/// field is its id, and which field a path parameter names it by (its id unless <see cref="LookupField"/> says otherwise).</summary>
internal sealed record Resource(string Name, string ListOperation)
{
    public string IdField { get; init; } = "id";
    public string? LookupField { get; init; }
    public string? VersionsOperation { get; init; }

    /// <summary>Brings the collection up to date with state kept elsewhere (the configured users, services and API
    /// keys); runs under the store's lock before every operation on the resource.</summary>
    public Action<Call, ResourceCollection>? Sync { get; init; }
    public string Lookup => LookupField ?? IdField;

    public JObject ItemSchema => Items(ListOperation);

    public JObject VersionSchema => Items(VersionsOperation ?? throw new InvalidOperationException($"{Name} has no versions."));

    /// <summary>The item schema of a list operation; for a single resource (the organization), its response schema.</summary>
    private static JObject Items(string operation)
    {
        var response = EmulatorSpec.Instance.ById[operation].ResponseSchema!;
        return EmulatorSpec.Instance.ItemsOf(response)?.Items ?? response;
    }
}

/// <summary>Create, list, search, update, delete and versions for any <see cref="Resource"/>, driven by the spec: the
/// request is validated against it, new items are synthesized from the list's item schema and overlaid with the
/// request's fields of the same name (and type), and answers are the spec's response shapes with the state filled in.</summary>
internal static class ResourceOperations
{
    private static readonly HashSet<string> PagingParameters = new(["limit", "continuation_token", "sort_by"], StringComparer.Ordinal);

    /// <summary>What a handler adds to the generic behaviour: runs under the store's lock with the item, the request
    /// body (empty when none) and the response (null when the operation answers without a body); returns an error
    /// (status, detail) to answer instead.</summary>
    public delegate (int Status, string Detail)? Hook(Call call, JObject item, JObject body, JObject? response);

    public static Func<Call, Task> List(Resource resource) => async call =>
    {
        if (await call.ValidateAsync() is not (true, _))
        {
            return;
        }

        JObject response;
        lock (call.Store.Gate)
        {
            var items = Filter(call, resource, Collection(call, resource).Items);
            response = Page(call, items);
        }

        await call.WriteJsonAsync(call.Spec.SuccessStatus, response);
    };

    public static Func<Call, Task> Search(Resource resource) => async call =>
    {
        if (await call.ValidateAsync() is not (true, _))
        {
            return;
        }

        var terms = (call.Query.Raw("query") ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        JObject response;
        lock (call.Store.Gate)
        {
            var items = Filter(call, resource, Collection(call, resource).Items, "query")
                .Where(i => terms.Any(t => i.Descendants().OfType<JValue>()
                    .Any(v => v.Type == JTokenType.String && ((string)v!).Contains(t, StringComparison.OrdinalIgnoreCase))))
                .ToList();
            var schema = EmulatorSpec.Instance.ItemsOf(call.Spec.ResponseSchema!)!.Value.Items;
            response = Page(call, [.. items.Select(i => Reshape(call, i, schema))]);
        }

        await call.WriteJsonAsync(call.Spec.SuccessStatus, response);
    };

    public static Func<Call, Task> Create(Resource resource, Hook? hook = null) => async call =>
    {
        var (valid, body) = await call.ValidateAsync();
        if (!valid)
        {
            return;
        }

        body ??= [];
        (int, string)? refusal;
        JToken? response;
        lock (call.Store.Gate)
        {
            var collection = Collection(call, resource);
            var item = NewItem(call, resource.ItemSchema);
            Overlay(item, resource.ItemSchema, body);
            response = SynthesizedOperations.Synthesize(call.Spec);
            if (response is JObject created)
            {
                FillIds(created, (string)item[resource.IdField]!);
                StampTimes(call.Store, created);
            }

            refusal = hook?.Invoke(call, item, body, response as JObject);
            if (refusal is null)
            {
                collection.Add(item);
            }
        }

        await Answer(call, refusal, response);
    };

    public static Func<Call, Task> Update(Resource resource, Hook? hook = null) => Modify(resource, (call, item, body, response) =>
    {
        Overlay(item, resource.ItemSchema, body);
        if (item.ContainsKey("updated_at"))
        {
            item["updated_at"] = EmulatorStore.Iso(call.Store.Now);
        }

        if (item["updated_by"] is JObject)
        {
            item["updated_by"] = Views.UserInfo(call.Store, call.UserId);
        }

        return hook?.Invoke(call, item, body, response);
    });

    public static Func<Call, Task> Delete(Resource resource, Hook? hook = null) => Modify(resource, (call, item, body, response) =>
    {
        Collection(call, resource).Remove(item);
        return hook?.Invoke(call, item, body, response);
    });

    /// <summary>Runs <paramref name="change"/> on the item the path names (404 when there is none).</summary>
    public static Func<Call, Task> Modify(Resource resource, Hook change) => async call =>
    {
        var (valid, body) = await call.ValidateAsync();
        if (!valid)
        {
            return;
        }

        (int, string)? refusal;
        JToken? response;
        lock (call.Store.Gate)
        {
            var item = Find(call, resource);
            response = SynthesizedOperations.Synthesize(call.Spec);
            refusal = item is null ? NotFound(resource) : change(call, item, body ?? [], response as JObject);
        }

        await Answer(call, refusal, response);
    };

    public static Func<Call, Task> CreateVersion(Resource resource, Hook? hook = null) => Modify(resource, (call, item, body, response) =>
    {
        var versions = Collection(call, resource).VersionsOf(item);
        var next = versions.Count == 0 ? 1 : versions.Max(v => (int?)v["version"] ?? 0) + 1;
        if (call.Query.Raw("version") is { } expected && expected != next.ToString(CultureInfo.InvariantCulture))
        {
            return (409, $"The next version is {next}, not {expected}.");
        }

        var version = NewItem(call, resource.VersionSchema);
        Overlay(version, resource.VersionSchema, body);
        version["version"] = next;
        foreach (var property in version.Properties().Where(p => p.Name.EndsWith("_id", StringComparison.Ordinal) && p.Name != "org_id").ToList())
        {
            property.Value = item[resource.IdField]!.DeepClone();
        }

        versions.Add(version);
        if (item.ContainsKey("latest_version"))
        {
            item["latest_version"] = next;
        }

        if (response is not null)
        {
            response["version"] = next;
            StampTimes(call.Store, response);
        }

        return hook?.Invoke(call, item, body, response);
    });

    public static Func<Call, Task> ListVersions(Resource resource) => async call =>
    {
        if (await call.ValidateAsync() is not (true, _))
        {
            return;
        }

        JObject? response = null;
        lock (call.Store.Gate)
        {
            if (Find(call, resource) is { } item)
            {
                IEnumerable<JObject> versions = Collection(call, resource).VersionsOf(item);
                if (call.Query.Raw("version") is { } wanted)
                {
                    versions = versions.Where(v => Matches(v["version"], wanted));
                }

                response = Page(call, [.. versions]);
            }
        }

        await (response is null ? call.DetailAsync(404, NotFound(resource).Detail) : call.WriteJsonAsync(call.Spec.SuccessStatus, response));
    };

    /// <summary>The resource's items, synchronized. Call under the store's lock.</summary>
    public static ResourceCollection Collection(Call call, Resource resource)
    {
        var collection = call.Store.Resource(resource.Name);
        resource.Sync?.Invoke(call, collection);
        return collection;
    }

    /// <summary>A new item of <paramref name="schema"/>'s shape with a fresh id, now as every timestamp, and the caller
    /// as creator. Call under the store's lock.</summary>
    public static JObject NewItem(Call call, JObject schema)
    {
        var item = (JObject)new SchemaSynthesizer(EmulatorSpec.Instance).Value(schema);
        var id = call.Store.NewId();
        foreach (var field in new[] { "id", "_id" })
        {
            if (item.ContainsKey(field))
            {
                item[field] = id;
            }
        }

        if (item.ContainsKey("org_id"))
        {
            item["org_id"] = call.Store.OrganizationId;
        }

        foreach (var field in new[] { "creator", "updated_by" })
        {
            if (item[field] is JObject user && user.ContainsKey("user_id"))
            {
                user["user_id"] = call.UserId;
                if (user.ContainsKey("org_id"))
                {
                    user["org_id"] = call.Store.OrganizationId;
                }
            }
        }

        StampTimes(call.Store, item);
        return item;
    }

    /// <summary>Copies the body's fields onto the item where the item has a field of that name (or, for
    /// <c>x_name</c>, a <c>name</c>) and the value fits the item's schema for it.</summary>
    public static void Overlay(JObject item, JObject schema, JObject body)
    {
        var properties = Properties(schema);
        foreach (var field in body.Properties())
        {
            var name = properties.ContainsKey(field.Name) ? field.Name
                : field.Name.EndsWith("_name", StringComparison.Ordinal) && properties.ContainsKey("name") && !body.ContainsKey("name") ? "name"
                : null;
            if (name is null || field.Value.Type == JTokenType.Null && !item.ContainsKey(name))
            {
                continue;
            }

            var check = new Validation();
            new SchemaValidator(EmulatorSpec.Instance, check).Json(field.Value, properties[name], []);
            if (!check.HasErrors)
            {
                item[name] = field.Value.DeepClone();
            }
        }
    }

    /// <summary>An item in another operation's item shape (search results, say): the fields of the same name, the id
    /// as <c>id</c> or <c>_id</c>, whichever the shape has, and the rest synthesized.</summary>
    private static JObject Reshape(Call call, JObject item, JObject schema)
    {
        var result = NewItem(call, schema);
        var source = (JObject)item.DeepClone();
        foreach (var (from, to) in new[] { ("id", "_id"), ("_id", "id") })
        {
            if (source[from] is { } id && !source.ContainsKey(to))
            {
                source[to] = id.DeepClone();
            }
        }

        Overlay(result, schema, source);
        return result;
    }

    /// <summary>The properties of an object schema, its <c>allOf</c> parts' included.</summary>
    public static Dictionary<string, JObject> Properties(JObject schema)
    {
        var result = new Dictionary<string, JObject>(StringComparer.Ordinal);
        var resolved = EmulatorSpec.Instance.Resolve(schema);
        foreach (var part in (resolved["allOf"] as JArray)?.OfType<JObject>() ?? [])
        {
            foreach (var (name, property) in Properties(part))
            {
                result[name] = property;
            }
        }

        foreach (var property in ((JObject?)resolved["properties"])?.Properties() ?? [])
        {
            result[property.Name] = (JObject)property.Value;
        }

        return result;
    }

    public static JObject? Find(Call call, Resource resource)
    {
        var parameter = call.Spec.Parameters.FirstOrDefault(p => (string?)p["in"] == "path" && (string?)p["name"] != "organization");
        var collection = Collection(call, resource);
        return parameter is null ? collection.Items.FirstOrDefault() : collection.Find(resource.Lookup, call.Path((string)parameter["name"]!));
    }

    public static (int Status, string Detail) NotFound(Resource resource) =>
        (404, $"{char.ToUpperInvariant(resource.Name[0])}{resource.Name[1..]} not found.");

    /// <summary>Sets every string field named <c>id</c> or ending in <c>_id</c> (but <c>org_id</c>) to the new item's id.</summary>
    private static void FillIds(JObject response, string id)
    {
        foreach (var property in response.Properties())
        {
            if ((property.Name == "id" || property.Name.EndsWith("_id", StringComparison.Ordinal)) && property.Name != "org_id" &&
                property.Value.Type == JTokenType.String)
            {
                property.Value = id;
            }
        }
    }

    private static void StampTimes(EmulatorStore store, JObject value)
    {
        foreach (var field in new[] { "created_at", "updated_at" })
        {
            if (value.ContainsKey(field))
            {
                value[field] = EmulatorStore.Iso(store.Now);
            }
        }
    }

    /// <summary>The items the query's filters keep: <c>id</c> matches the id field, and any other parameter named
    /// like a scalar field of the item must equal it (one of its values, for a repeated parameter).</summary>
    private static List<JObject> Filter(Call call, Resource resource, IEnumerable<JObject> items, params string[] ignored)
    {
        var query = call.Http.Request.Query;
        var filters = call.Spec.Parameters
            .Where(p => (string?)p["in"] == "query")
            .Select(p => (string)p["name"]!)
            .Where(n => !PagingParameters.Contains(n) && !ignored.Contains(n) && query.ContainsKey(n))
            .Select(n => (Field: n == "id" ? resource.IdField : n, Values: query[n].Select(v => v ?? "").ToList()))
            .ToList();
        return [.. items.Where(item => filters.All(f => item[f.Field] is not JValue value || f.Values.Any(v => Matches(value, v))))];
    }

    private static bool Matches(JToken? value, string wanted) => value switch
    {
        JValue { Type: JTokenType.Boolean } b => Bool(wanted) == (bool)b,
        JValue { Type: JTokenType.Integer } i => ((long)i).ToString(CultureInfo.InvariantCulture) == wanted.Trim(),
        JValue { Type: JTokenType.String } s => (string)s! == wanted,
        _ => true,
    };

    private static long? Integer(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool? Bool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "on" or "yes" or "t" or "y" => true,
        "0" or "false" or "off" or "no" or "f" or "n" => false,
        _ => null,
    };

    /// <summary>The operation's response with the items in its one array, paged by <c>limit</c> and
    /// <c>continuation_token</c> (an offset) when the response has <c>has_more</c>.</summary>
    private static JObject Page(Call call, IReadOnlyList<JObject> items)
    {
        var schema = call.Spec.ResponseSchema!;
        var response = (JObject)new SchemaSynthesizer(EmulatorSpec.Instance).Value(schema);
        var (field, _) = EmulatorSpec.Instance.ItemsOf(schema) ?? throw new InvalidOperationException($"{call.Operation} is not a list.");
        if (!response.ContainsKey("has_more"))
        {
            response[field] = new JArray(items.Select(i => i.DeepClone()));
            return response;
        }

        var limitSchema = call.Spec.Parameters.FirstOrDefault(p => (string?)p["name"] == "limit")?["schema"];
        // Both were validated as integers; offsets past the end (or past int) are simply the end.
        var limit = (int)Math.Clamp(Integer(call.Query.Raw("limit")) ?? (long?)limitSchema?["default"] ?? 50, 1, 100_000);
        var token = (int)Math.Clamp(Integer(call.Query.Raw("continuation_token")) ?? 0, 0, items.Count);
        var page = Views.Page(field, items, token, limit, i => (JObject)i.DeepClone());
        var tokenSchema = Properties(schema).GetValueOrDefault("continuation_token");
        if (page["continuation_token"]!.Type == JTokenType.Null && tokenSchema is not null &&
            (string?)EmulatorSpec.Instance.Resolve(tokenSchema)["type"] == "integer" && tokenSchema["nullable"] is null)
        {
            page["continuation_token"] = token + page[field]!.Count();
        }

        foreach (var property in page.Properties())
        {
            response[property.Name] = property.Value;
        }

        return response;
    }

    private static Task Answer(Call call, (int Status, string Detail)? refusal, JToken? response) =>
        refusal is { } r ? call.DetailAsync(r.Status, r.Detail) : SynthesizedOperations.WriteSuccessAsync(call, response);
}
