using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Amigo.Emulator.Spec;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

/// <summary>All operations of the merged spec (116 in the newest release) over raw HTTP: each answers a request synthesized from the spec
/// with a status the spec declares and (for 2xx) a body its response schema accepts; the synthesized ones validate
/// requests against the spec; the stateful resources round-trip.</summary>
public sealed class AllOperationsTests
{
    private const string Unknown = "0123456789abcdef01234567";
    private SpecSchema _spec = null!;

    [OneTimeSetUp]
    public void LoadSpec() => _spec = SpecSchema.Load();

    [Test]
    public void TheEmulatedOperations_AreAllOfTheSpecs()
    {
        Assert.That(_spec.OperationIds, Is.Not.Empty);
        Assert.That(EmulatorOperations.All.Select(Published), Is.EquivalentTo(_spec.OperationIds));
        Assert.That(EmulatorOperations.Stateful.Concat(EmulatorOperations.Synthesized), Is.EquivalentTo(EmulatorOperations.All));
        Assert.That(EmulatorOperations.Stateful.Intersect(EmulatorOperations.Synthesized), Is.Empty);
        Assert.That(EmulatorOperations.Stateful, Is.SupersetOf(new[]
        {
            "get-conversations", "get-dynamic-behavior-sets", "get-metrics", "evaluate-metrics", "get-services", "get-users",
            "get-organization", "get-agents", "get-api-keys", "get-roles", "get-webhook-destinations",
        }));
        Assert.That(EmulatorOperations.Synthesized, Does.Contain("get-tools").And.Contain("get-simulation-personas"));
    }

    [Test]
    public async Task EveryOperation_AnswersASynthesizedRequest_WithTheSpecsShapes()
    {
        await using var session = await StartAsync();
        var problems = new List<string>();
        var called = new List<string>();
        foreach (var operation in EmulatorSpec.Instance.Operations)
        {
            var (status, mediaType, bytes) = await SendAsync(session, Request(session, operation));
            called.Add(operation.Id);
            var stateful = EmulatorOperations.Stateful.Contains(operation.Id);
            if (!stateful && status != operation.SuccessStatus)
            {
                problems.Add($"{operation.Id}: {status} {Encoding.UTF8.GetString(bytes)}");
                continue;
            }

            if (mediaType is "application/zip" or "application/gzip")
            {
                problems.AddRange(Archive(operation.Id, mediaType, bytes));
                continue;
            }

            if (mediaType == "application/x-ndjson")
            {
                foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    problems.AddRange(_spec.Check(operation.PublishedId, status, Parse(line)));
                }

                continue;
            }

            problems.AddRange(Problems(operation.Id, status, bytes.Length == 0 ? null : Parse(Encoding.UTF8.GetString(bytes))));
        }

        Assert.That(problems, Is.Empty);
        Assert.That(called.Select(Published), Is.EquivalentTo(_spec.OperationIds));
    }

    [Test]
    public async Task SynthesizedResponses_AreDeterministic()
    {
        await using var session = await StartAsync();
        var operation = EmulatorSpec.Instance.ById["get-simulation-personas"];

        var first = await SendAsync(session, Request(session, operation));
        var second = await SendAsync(session, Request(session, operation));

        Assert.That(first.Status, Is.EqualTo(200));
        Assert.That(second.Bytes, Is.EqualTo(first.Bytes));
        Assert.That(Parse(Encoding.UTF8.GetString(first.Bytes))["simulation_personas"], Is.Not.Empty);
    }

    [TestCase("GET", "tool/?limit=ten", null, "int_parsing", "query,limit")]
    [TestCase("GET", "simulation/persona/?limit=100000", null, "less_than_equal", "query,limit")]
    [TestCase("GET", "tool/?deprecated=maybe", null, "bool_parsing", "query,deprecated")]
    [TestCase("GET", "simulation/persona/?id=xyz", null, "string_pattern_mismatch", "query,id,0")]
    [TestCase("GET", "tool/invocation/search?query_against=output", null, "missing", "query,query")]
    [TestCase("DELETE", "tool/NOTHEX", null, "string_pattern_mismatch", "path,tool_id")]
    [TestCase("POST", "tool/", "{}", "missing", "body,name")]
    [TestCase("POST", "simulation/persona/", "[1]", "model_attributes_type", "body")]
    [TestCase("POST", "admin/sql_query", "not json", "json_invalid", "body,0")]
    public async Task SynthesizedOperations_ValidateRequestsAgainstTheSpec(string method, string path, string? body, string type, string loc)
    {
        await using var session = await StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"v1/{session.Org}/{path}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var (status, _, bytes) = await SendAsync(session, request);
        var errors = Parse(Encoding.UTF8.GetString(bytes))["detail"] as JArray ?? [];

        Assert.That(status, Is.EqualTo(422), Encoding.UTF8.GetString(bytes));
        Assert.That(errors.Select(e => ((string)e["type"]!, string.Join(",", e["loc"]!.Select(l => l.ToString())))),
            Does.Contain((type, loc)), errors.ToString());
        Assert.That(errors.All(e => e["msg"] is JValue && e["input"] is not null), errors.ToString());
    }

    [Test]
    public async Task SynthesizedOperations_KeepAuthFaultsAndOrganizationRules()
    {
        await using var session = await StartAsync();
        session.Emulator.Faults.Inject(EmulatorFault.Status(503), "get-tools");

        var (faulted, _) = await session.GetAsync("tool/");
        var (healthy, _) = await session.GetAsync("tool/");
        using var otherOrg = await session.Http.GetAsync("v1/other-org/tool/");
        session.Http.DefaultRequestHeaders.Authorization = null;
        var (anonymous, _) = await session.GetAsync("tool/");
        session.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        session.Http.DefaultRequestHeaders.Add("X-ORG-ID", "other-org");
        var (wrongOrgHeader, _) = await session.GetAsync("tool/");

        Assert.That((faulted, healthy, (int)otherOrg.StatusCode, anonymous, wrongOrgHeader), Is.EqualTo((503, 200, 404, 401, 401)));
        Assert.That(session.Emulator.Requests.Select(r => r.Operation), Does.Contain("get-tools"));
    }

    [Test]
    public async Task ListServices_ReturnsTheConfiguredServiceAsActive()
    {
        await using var session = await StartAsync();

        var (status, body) = await session.GetAsync("service/?is_active=true");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(Problems("get-services", status, body), Is.Empty);
        var service = body["services"]!.Single();
        Assert.That(((string)service["id"]!, (string)service["name"]!, (bool)service["is_active"]!),
            Is.EqualTo((ServiceId, "Emulated Concierge", true)));
        Assert.That(((JObject)service["version_sets"]!).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "release", "edge" }));
    }

    [Test]
    public async Task Services_RoundTrip_AndANewServiceTakesConversations()
    {
        await using var session = await StartAsync();
        var body = Synth("create-service");
        body["name"] = "Second desk";
        body["is_active"] = true;
        body.Remove("release_version_set");
        var created = await Created(session, "create-service", "service/", body, "id");

        var (updated, _) = await Call(session, "update-service", "POST", $"service/{created}/", new JObject { ["description"] = "Changed" });
        var (upserted, _) = await Call(session, "upsert-service-version-set", "PUT", $"service/{created}/version_sets/beta/",
            Synth("upsert-service-version-set"));
        var listed = await Listed(session, "get-services", $"service/?id={created}", "services");
        var (deletedSet, _) = await Call(session, "delete-service-version-set", "DELETE", $"service/{created}/version_sets/beta/", null);
        var (missingSet, _) = await Call(session, "delete-service-version-set", "DELETE", $"service/{created}/version_sets/beta/", null);
        var conversation = await session.CreateConversationAsync(new { service_id = created });

        Assert.That((updated, upserted, deletedSet, missingSet), Is.EqualTo((200, 204, 204, 404)));
        Assert.That(((string)listed["name"]!, (string)listed["description"]!), Is.EqualTo(("Second desk", "Changed")));
        Assert.That(((JObject)listed["version_sets"]!).ContainsKey("beta"));
        Assert.That(conversation, Has.Length.EqualTo(24));
    }

    [Test]
    public async Task Users_RoundTrip()
    {
        await using var session = await StartAsync();
        var body = Synth("create-invited-user");
        body["first_name"] = "Ada";
        body["email"] = "ada@example.com";
        var id = await Created(session, "create-invited-user", "user/", body, "user_id");

        var (updated, _) = await Call(session, "update-user-info", "POST", $"user/{id}", new JObject { ["last_name"] = "Lovelace" });
        var listed = await Listed(session, "get-users", $"user/?user_id={id}", "users");
        var (searchStatus, search) = await Call(session, "search-users", "GET", "user/search/?query=lovelace", null);
        var (all, everyone) = await Call(session, "get-users", "GET", "user/", null);
        var (deleted, _) = await Call(session, "delete-user", "DELETE", $"user/{id}", null);
        var (again, _) = await Call(session, "delete-user", "DELETE", $"user/{id}", null);
        var (_, after) = await Call(session, "get-users", "GET", $"user/?user_id={id}", null);

        Assert.That((updated, searchStatus, all, deleted, again), Is.EqualTo((204, 200, 200, 204, 404)));
        Assert.That(((string)listed["first_name"]!, (string)listed["last_name"]!, (string)listed["email"]!), Is.EqualTo(("Ada", "Lovelace", "ada@example.com")));
        Assert.That(search["users"]!.Select(u => (string)u["user_id"]!), Is.EqualTo(new[] { id }));
        Assert.That(everyone["users"]!.Select(u => (string)u["user_id"]!), Does.Contain(AmigoEmulatorOptions.DemoUserId));
        Assert.That(after["users"]!, Is.Empty);
    }

    [Test]
    public async Task Organization_RoundTrip()
    {
        await using var session = await StartAsync();

        var (got, organization) = await Call(session, "get-organization", "GET", "organization/", null);
        var (modified, _) = await Call(session, "modify-organization", "POST", "organization/", new JObject { ["logo"] = "https://example.com/logo.png" });
        var (_, changed) = await Call(session, "get-organization", "GET", "organization/", null);
        var (deleted, _) = await Call(session, "delete-organization", "DELETE", "organization/", null);
        var (gone, _) = await Call(session, "get-organization", "GET", "organization/", null);
        var body = Synth("create-organization");
        body["org_name"] = "Reborn";
        session.Http.DefaultRequestHeaders.Add("x-mongo-cluster-name", "cluster-1");
        var (recreated, recreation) = await Call(session, "create-organization", "PUT", "organization/", body);
        var (_, reborn) = await Call(session, "get-organization", "GET", "organization/", null);

        Assert.That((got, modified, deleted, gone, recreated), Is.EqualTo((200, 204, 204, 404, 201)), recreation.ToString());
        Assert.That((string)organization["org_id"]!, Is.EqualTo(session.Org));
        Assert.That((string?)changed["logo"] ?? "https://example.com/logo.png", Is.EqualTo("https://example.com/logo.png"));
        Assert.That(((string)reborn["org_id"]!, (string)reborn["org_name"]!), Is.EqualTo((session.Org, "Reborn")));
    }

    [Test]
    public async Task Agents_RoundTrip_WithVersions()
    {
        await using var session = await StartAsync();
        var id = await Created(session, "create-agent", "organization/agent", new JObject { ["agent_name"] = "Concierge" }, "id");

        var (v1, version) = await Call(session, "create-agent-version", "POST", $"organization/agent/{id}/?version=1", Synth("create-agent-version"));
        var (conflict, _) = await Call(session, "create-agent-version", "POST", $"organization/agent/{id}/?version=5", Synth("create-agent-version"));
        var versions = await Listed(session, "get-agent-versions", $"organization/agent/{id}/version", "agent_versions");
        var listed = await Listed(session, "get-agents", $"organization/agent?id={id}", "agents");
        var (deleted, _) = await Call(session, "delete-agent", "DELETE", $"organization/agent/{id}/", null);
        var (_, after) = await Call(session, "get-agents", "GET", $"organization/agent?id={id}", null);

        Assert.That((v1, (int)version["version"]!, conflict, deleted), Is.EqualTo((201, 1, 409, 200)));
        Assert.That(((string)versions["agent_id"]!, (int)versions["version"]!), Is.EqualTo((id, 1)));
        Assert.That(((string)listed["name"]!, (int)listed["latest_version"]!), Is.EqualTo(("Concierge", 1)));
        Assert.That(after["agents"]!, Is.Empty);
    }

    [Test]
    public async Task StatefulLists_PageWithContinuationTokens()
    {
        await using var session = await StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Created(session, "create-agent", "organization/agent", new JObject { ["agent_name"] = $"Agent {i}" }, "id"));
        }

        var seen = new List<string>();
        var pages = 0;
        var token = "0";
        while (true)
        {
            var (status, page) = await Call(session, "get-agents", "GET", $"organization/agent?limit=2&continuation_token={token}", null);
            Assert.That(status, Is.EqualTo(200));
            pages++;
            seen.AddRange(page["agents"]!.Select(a => (string)a["id"]!));
            if (!(bool)page["has_more"]!)
            {
                break;
            }

            token = (string)page["continuation_token"]!;
        }

        var (_, beyond) = await Call(session, "get-agents", "GET", "organization/agent?continuation_token=99999999999", null);

        Assert.That((seen, pages), Is.EqualTo((ids, 3)));
        Assert.That(beyond["agents"]!, Is.Empty);
    }

    [Test]
    public async Task ApiKeys_RoundTrip_AndACreatedKeySignsIn()
    {
        await using var session = await StartAsync();
        var (status, created) = await Call(session, "create-api-key", "POST", "organization/api_key/",
            new JObject { ["name"] = "ci", ["duration"] = "P7D" });
        var keyId = (string)created["api_key_id"]!;

        var (listStatus, keys) = await Call(session, "get-api-keys", "GET", "organization/api_key/", null);
        using var signIn = new HttpRequestMessage(HttpMethod.Post, $"v1/{session.Org}/user/signin_with_api_key");
        signIn.Headers.Add("x-api-key", (string)created["api_key"]!);
        signIn.Headers.Add("x-api-key-id", keyId);
        signIn.Headers.Add("x-user-id", AmigoEmulatorOptions.DemoUserId);
        using var signedIn = await session.Http.SendAsync(signIn);
        var (deleted, deletion) = await Call(session, "delete-api-key", "DELETE", $"organization/api_key/{keyId}/", null);
        var (_, after) = await Call(session, "get-api-keys", "GET", "organization/api_key/", null);

        Assert.That((status, listStatus, (int)signedIn.StatusCode, deleted), Is.EqualTo((201, 200, 200, 200)));
        Assert.That(keys["api_keys"]!.Select(k => (string)k["_id"]!), Is.SupersetOf(new[] { keyId, AmigoEmulatorOptions.DemoApiKeyId }));
        Assert.That((string)keys["api_keys"]!.First(k => (string)k["_id"]! == keyId)["name"]!, Is.EqualTo("ci"));
        Assert.That((string)deletion["deleted_key_id"]!, Is.EqualTo(keyId));
        Assert.That(after["api_keys"]!.Select(k => (string)k["_id"]!), Does.Not.Contain(keyId));
    }

    [Test]
    public async Task Roles_RoundTrip()
    {
        await using var session = await StartAsync();
        var body = Synth("create-role");
        body["role_name"] = "auditor";
        var id = await Created(session, "create-role", "role/", body, "role_id");

        var (duplicate, _) = await Call(session, "create-role", "POST", "role/", body);
        var (modified, modifiedBody) = await Call(session, "modify-role", "POST", "role/auditor", new JObject { ["description"] = "Reads everything" });
        var (assigned, assignment) = await Call(session, "assign-role", "POST", "role/auditor/assign", new JObject { ["user_id"] = AmigoEmulatorOptions.DemoUserId });
        var (unknownUser, _) = await Call(session, "assign-role", "POST", "role/auditor/assign", new JObject { ["user_id"] = Unknown });
        var (unknownRole, _) = await Call(session, "modify-role", "POST", "role/nobody", new JObject { ["description"] = "x" });
        var listed = await Listed(session, "get-roles", "role/?name=auditor", "roles");

        Assert.That((duplicate, modified, assigned, unknownUser, unknownRole), Is.EqualTo((409, 200, 200, 404, 404)));
        Assert.That(((string)modifiedBody["role_id"]!, (string)assignment["role_id"]!), Is.EqualTo((id, id)));
        Assert.That(((string)listed["id"]!, (string)listed["name"]!, (string)listed["description"]!), Is.EqualTo((id, "auditor", "Reads everything")));
    }

    [Test]
    public async Task Metrics_RoundTrip_WithVersionsAndEvaluation()
    {
        await using var session = await StartAsync();
        var body = Synth("create-metric");
        body["name"] = "Politeness";
        body["applied_to_services"] = new JArray(ServiceId);
        var id = await Created(session, "create-metric", "metric/", body, "id");

        var (updated, _) = await Call(session, "update-metric", "POST", $"metric/{id}/", new JObject { ["applied_to_services"] = new JArray() });
        var (v2, _) = await Call(session, "create-metric-version", "POST", $"metric/{id}/version/", Synth("create-metric-version"));
        var versions = await Listed(session, "get-metric-versions", $"metric/{id}/version", "metric_versions");
        var listed = await Listed(session, "get-metrics", $"metric/?id={id}", "metrics");
        var (searched, search) = await Call(session, "search-metrics", "GET", "metric/search/?query=polite", null);
        var conversation = await session.CreateConversationAsync();
        var (evaluated, evaluation) = await Call(session, "evaluate-metrics", "POST", "metric/evaluate",
            new JObject { ["metric_ids"] = new JArray(id), ["conversation_id"] = conversation });
        var (deleted, _) = await Call(session, "delete-metric", "DELETE", $"metric/{id}/", null);
        var (missing, _) = await Call(session, "update-metric", "POST", $"metric/{id}/", new JObject());

        Assert.That((updated, v2, searched, evaluated, deleted, missing), Is.EqualTo((200, 201, 200, 200, 200, 404)));
        Assert.That(((string)versions["metric_id"]!, (int)versions["version"]!), Is.EqualTo((id, 1)));
        Assert.That(((string)listed["name"]!, listed["applied_to_services"]!.Count()), Is.EqualTo(("Politeness", 0)));
        Assert.That(search["metrics"]!.Select(m => (string)m["_id"]!), Is.EqualTo(new[] { id }));
        Assert.That((string)evaluation["metrics"]![0]!["metric_id"]!, Is.EqualTo(id));
    }

    [Test]
    public async Task WebhookDestinations_RoundTrip_OverHttp_SharingStateWithEmulatorWebhooks()
    {
        await using var session = await StartAsync();
        var (status, created) = await Call(session, "create-webhook-destination", "POST", "webhook_destination/",
            new JObject { ["url"] = "https://hooks.example.com/amigo", ["accepted_types"] = new JArray("conversation-post-processing-complete") });
        var id = (string)created["webhook_destination_id"]!;

        var (updated, _) = await Call(session, "update-webhook-destination", "POST", $"webhook_destination/{id}", new JObject { ["retry_attempts"] = 5 });
        var (listStatus, list) = await Call(session, "get-webhook-destinations", "GET", $"webhook_destination/?id={id}", null);
        var direct = session.Emulator.Webhooks.ListDestinations([id]).Single();
        var (tooSoon, _) = await Call(session, "rotate-webhook-destination-secret", "POST", $"webhook_destination/{id}/rotate-secret", null);
        var (deliveries, deliveryList) = await Call(session, "get-webhook-deliveries", "GET", $"webhook_destination/{id}/delivery", null);
        var (badRetries, _) = await Call(session, "update-webhook-destination", "POST", $"webhook_destination/{id}", new JObject { ["retry_attempts"] = 9 });
        var (deleted, _) = await Call(session, "delete-webhook-destination", "DELETE", $"webhook_destination/{id}", null);
        var (again, _) = await Call(session, "delete-webhook-destination", "DELETE", $"webhook_destination/{id}", null);

        Assert.That((status, updated, listStatus, tooSoon, deliveries, badRetries, deleted, again), Is.EqualTo((201, 204, 200, 400, 200, 422, 204, 404)));
        Assert.That((int)list["webhook_destinations"]![0]!["retry_attempts"]!, Is.EqualTo(5));
        Assert.That(direct.RetryAttempts, Is.EqualTo(5));
        Assert.That(deliveryList["webhook_deliveries"]!, Is.Empty);
        Assert.That(session.Emulator.Webhooks.ListDestinations(), Is.Empty);
    }

    private static string Published(string operation) => EmulatorSpec.Instance.ById[operation].PublishedId;

    /// <summary>What the published spec's schemas find wrong with an answer; an error status only has to be one the
    /// operation declares (the spec gives error bodies no schema).</summary>
    private List<string> Problems(string operation, int status, JToken? body) =>
        [.. _spec.Check(Published(operation), status, body).Where(p => status < 300 || !p.EndsWith("declares no body", StringComparison.Ordinal))];

    private static JObject Synth(string operation) =>
        (JObject)new SchemaSynthesizer(EmulatorSpec.Instance).Value(EmulatorSpec.Instance.ById[operation].RequestBody!);

    /// <summary>Calls an operation, checks the answer against the spec, and returns it.</summary>
    private async Task<(int Status, JToken Body)> Call(EmulatorSession session, string operation, string method, string path, JToken? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"v1/{session.Org}/{path}");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        }

        var (status, _, bytes) = await SendAsync(session, request);
        var json = bytes.Length == 0 ? JValue.CreateNull() : Parse(Encoding.UTF8.GetString(bytes));
        Assert.That(Problems(operation, status, json), Is.Empty, $"{operation} {status} {json}");
        return (status, json);
    }

    private async Task<string> Created(EmulatorSession session, string operation, string path, JObject body, string idField)
    {
        var (status, created) = await Call(session, operation, "POST", path, body);
        Assert.That(status, Is.EqualTo(201), created.ToString());
        return (string)created[idField]!;
    }

    private async Task<JToken> Listed(EmulatorSession session, string operation, string path, string field)
    {
        var (status, list) = await Call(session, operation, "GET", path, null);
        Assert.That(status, Is.EqualTo(200), list.ToString());
        return list[field]!.Single();
    }

    /// <summary>A request the spec accepts: path parameters, required query and header parameters, and the JSON body
    /// (when there is one), all synthesized from their schemas.</summary>
    private static HttpRequestMessage Request(EmulatorSession session, SpecOperation operation)
    {
        var synthesizer = new SchemaSynthesizer(EmulatorSpec.Instance);
        string Text(JObject parameter)
        {
            var value = synthesizer.Value((JObject)parameter["schema"]!);
            return value is JArray array ? (string)array[0]! : value.Type == JTokenType.Boolean ? ((bool)value ? "true" : "false") : value.ToString(Formatting.None).Trim('"');
        }

        var path = operation.PathTemplate;
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var parameter in operation.Parameters)
        {
            var name = (string)parameter["name"]!;
            switch ((string)parameter["in"]!)
            {
                case "path":
                    path = path.Replace("{" + name + "}", name == "organization" ? session.Org : Uri.EscapeDataString(Text(parameter)), StringComparison.Ordinal);
                    break;
                case "query" when (bool?)parameter["required"] == true:
                    query.Add($"{name}={Uri.EscapeDataString(Text(parameter))}");
                    break;
                case "header" when (bool?)parameter["required"] == true:
                    headers.Add((name, Text(parameter)));
                    break;
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path.TrimStart('/') + (query.Count > 0 ? "?" + string.Join("&", query) : ""));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (operation.RequestBody is { } schema && operation.RequestMediaType == "application/json")
        {
            request.Content = new StringContent(synthesizer.Value(schema).ToString(Formatting.None), Encoding.UTF8, "application/json");
        }
        else if (operation.RequestMediaType == "multipart/form-data")
        {
            request.Content = new MultipartFormDataContent { { new StringContent("hello"), "recorded_message" } };
        }

        return request;
    }

    private static async Task<(int Status, string? MediaType, byte[] Bytes)> SendAsync(EmulatorSession session, HttpRequestMessage request)
    {
        using (request)
        using (var response = await session.Http.SendAsync(request))
        {
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
        }
    }

    private static IEnumerable<string> Archive(string operation, string mediaType, byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            if (mediaType == "application/zip")
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                return zip.Entries.Count > 0 ? [] : [$"{operation}: empty zip"];
            }

            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            return reader.ReadToEnd().Length > 0 ? [] : [$"{operation}: empty gzip"];
        }
        catch (InvalidDataException e)
        {
            return [$"{operation}: not a valid {mediaType}: {e.Message}"];
        }
    }
}
