using System.Reflection;
using System.Text;
using Amigo.Emulator;
using Amigo.Emulator.Spec;
using Amigo.Emulator.Tests;
using Amigo.Generated;
using Amigo.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.EndToEnd.Tests;

/// <summary>
/// Every operation, called through its façade method against the emulator (strict decoding), with arguments built by
/// reflection from the method's parameters and the merged spec; the body of the response that came back is then
/// checked against the published spec's schema for its status. Each case gets a fresh emulator, so operations that
/// delete (the organization, the demo user, the demo API key) cannot affect the others.
/// </summary>
public sealed class EveryOperationTests
{
    /// <summary>
    /// The operations that answer with an error status the spec declares for them, instead of a success, and why. Each
    /// of them is still called and its answer checked; this list may only shrink.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> AnswersWithADeclaredError = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["assign-role"] = "404: role 'sample' does not exist (roles are addressed by name; none is created first)",
        ["delete-service-hierarchical-state-machine"] = "404 from the emulator although a state machine was created first (not investigated: look at its delete route)",
        ["delete-service-version-set"] = "400: the only version set called for, release, cannot be deleted",
        ["get-interaction-insights"] = "404: unknown interaction id (the created conversation has no completed interaction)",
        ["modify-role"] = "404: role 'sample' does not exist",
        ["recommend-responses-for-interaction"] = "400: the interaction id is not the conversation's latest completed interaction",
        ["retrieve-message-source"] = "404: unknown message id",
        ["rotate-webhook-destination-secret"] = "400: the destination created first is too new to rotate its secret (as the emulator tests expect)",
    };

    /// <summary>
    /// The operations the façade cannot complete, and why: each is called, the emulator's answer is checked against the
    /// spec, and the call must still fail the documented way (so a fix shows up here). This list may only shrink.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> CannotComplete = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["get-prompt-logs"] = "SDK defect: the 200 body is application/zip with schema `type: string` (no `format: binary`), so the generated method returns Task<string> and decodes the archive as a JSON string (AmigoDecodeException)",
        ["get-tool-scaffold-release"] = "SDK defect: the 200 body is application/gzip with schema `type: string` (no `format: binary`), decoded as a JSON string (AmigoDecodeException)",
    };

    private static readonly Lazy<SpecSchema> Spec = new(SpecSchema.Load);

    private static readonly Lazy<IReadOnlyList<(string Id, PropertyInfo Group, MethodInfo Method)>> Facade = new(() =>
        [.. typeof(AmigoClient).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(group => group.PropertyType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => !m.Name.EndsWith("WithResponseAsync", StringComparison.Ordinal))
                .Select(m => (Attribute: m.GetCustomAttribute<AmigoOperationAttribute>(), Method: m))
                .Where(m => m.Attribute is not null)
                .Select(m => (m.Attribute!.OperationId, group, m.Method)))
            .OrderBy(o => o.OperationId, StringComparer.Ordinal)]);

    private static readonly Dictionary<string, bool> Succeeded = new(StringComparer.Ordinal);

    public static IEnumerable<TestCaseData> Operations() =>
        Facade.Value.Select(o => new TestCaseData(o.Id).SetName($"Operation({o.Id})"));

    [Test]
    public void TheFacadeHasOneMethodPerEmulatedOperation()
    {
        var ids = Facade.Value.Select(o => o.Id).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.EquivalentTo(EmulatorOperations.All));
        Assert.That(AnswersWithADeclaredError.Keys.Concat(CannotComplete.Keys), Is.SubsetOf(ids));
        // These lists may only shrink: an operation that starts failing must be fixed, not added.
        Assert.That((AnswersWithADeclaredError.Count, CannotComplete.Count), Is.EqualTo((8, 2)));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Operation(string operationId)
    {
        var (_, group, method) = Facade.Value.Single(o => o.Id == operationId);
        await using var emulator = await AmigoEmulator.StartAsync();
        using var recorder = new Recorder { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } };
        using var client = new AmigoClient(new AmigoClientOptions
        {
            OrganizationId = emulator.OrganizationId,
            BaseUrl = emulator.BaseUrl,
            Credential = AmigoCredential.FromApiKey(AmigoEmulatorOptions.DemoApiKey, AmigoEmulatorOptions.DemoApiKeyId, AmigoEmulatorOptions.DemoUserId),
            StrictDecoding = true,
        }, recorder);

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in method.GetParameters().Where(p => p.ParameterType == typeof(string) && p.Name!.EndsWith("Id", StringComparison.Ordinal)))
        {
            if (parameter.Name == "conversationId")
                ids[parameter.Name] = await CreateConversationAsync(client);
            else if (await CreateAsync(client, operationId, parameter.Name!) is { } created)
                ids[parameter.Name!] = created;
        }

        // A request body that names a conversation (and an interaction of it) gets one the emulator has.
        if (!ids.ContainsKey("conversationId") && EmulatorSpec.Instance.ById[operationId].RequestBody is { } requestBody
            && new SchemaSynthesizer(EmulatorSpec.Instance).Value(requestBody).SelectTokens("$..conversation_id").Any())
        {
            var turn = await client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = AmigoEmulatorOptions.DemoServiceId }).CollectAsync();
            (ids["conversationId"], ids["interactionId"]) = (turn.ConversationId!, turn.InteractionId);
        }

        var arguments = method.GetParameters().Select(p => Argument(operationId, p, ids)).ToArray();
        recorder.Clear();

        int status;
        try
        {
            await ConsumeAsync(method.Invoke(group.GetValue(client), arguments));
            status = recorder.Last.Status;
            Assert.That(CannotComplete.ContainsKey(operationId), Is.False, $"{operationId} now completes: remove it from the list.");
        }
        catch (AmigoApiException e)
        {
            status = e.StatusCode;
        }
        catch (AmigoDecodeException) when (CannotComplete.ContainsKey(operationId))
        {
            status = recorder.Last.Status;
        }

        var last = recorder.Last;
        Assert.That(last.Status, Is.EqualTo(status));
        TestContext.Out.WriteLine($"{operationId}: {status}");
        Assert.That(Problems(operationId, last), Is.Empty, $"{operationId} answered {last.Status}: {Encoding.UTF8.GetString(last.Bytes)}");
        lock (Succeeded)
        {
            Succeeded[operationId] = status < 300;
        }

        if (AnswersWithADeclaredError.TryGetValue(operationId, out var reason))
            Assert.That(status, Is.GreaterThanOrEqualTo(400), $"{operationId} now succeeds: remove it from the list ({reason}).");
        else
            Assert.That(status, Is.InRange(200, 299), $"{operationId} answered {status}: {Encoding.UTF8.GetString(last.Bytes)}");
    }

    [OneTimeTearDown]
    public void Report()
    {
        lock (Succeeded)
        {
            TestContext.Progress.WriteLine(
                $"EveryOperationTests: {Succeeded.Count} operations called through the façade, {Succeeded.Count(s => s.Value)} succeeded, " +
                $"{Succeeded.Count(s => !s.Value)} answered a declared error; {CannotComplete.Count} of those that succeeded cannot be decoded by the façade.");
        }
    }

    /// <summary>The id of a resource made first through the façade, for a parameter <c>{resource}Id</c>: the group's
    /// <c>create-{resource}</c> operation, called with a synthesized body, when the emulator keeps that resource and the
    /// creation needs no other id.</summary>
    private static async Task<string?> CreateAsync(AmigoClient client, string operationId, string idParameter)
    {
        var resource = string.Concat(idParameter[..^2].Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
        var (id, group, method) = Facade.Value.FirstOrDefault(o => o.Id == "create-" + resource);
        if (method is null || id == operationId || !EmulatorOperations.Stateful.Contains(id)
            || method.GetParameters().Any(p => p.ParameterType == typeof(string) && !p.HasDefaultValue))
            return null;

        var task = (Task)method.Invoke(group.GetValue(client), [.. method.GetParameters().Select(p => Argument(id, p, new Dictionary<string, string>()))])!;
        try
        {
            await task;
        }
        catch (AmigoApiException)
        {
            return null; // the synthesized body names what the emulator doesn't have: the operation gets an unknown id
        }

        var response = JObject.FromObject(task.GetType().GetProperty("Result")!.GetValue(task)!, JsonSerializer.Create(AmigoJsonSettings.Create()));
        return (string?)(response["id"] ?? response[resource.Replace('-', '_') + "_id"]);
    }

    private static async Task<string> CreateConversationAsync(AmigoClient client)
    {
        var created = await client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = AmigoEmulatorOptions.DemoServiceId }).CollectAsync();
        return created.ConversationId ?? throw new AssertionException("The emulator did not say which conversation it created.");
    }

    /// <summary>What the spec's schemas find wrong with an answer: each NDJSON line, or the JSON body; an archive only
    /// has to be non-empty; an error status only has to be declared (the spec gives error bodies no schema).</summary>
    private static List<string> Problems(string operationId, Exchange answer)
    {
        var published = Published(operationId);
        var text = Encoding.UTF8.GetString(answer.Bytes);
        return answer.MediaType switch
        {
            "application/x-ndjson" => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).SelectMany(line => Spec.Value.Check(published, answer.Status, Parse(line)))],
            "application/zip" or "application/gzip" => answer.Bytes.Length > 0 ? [] : [$"{operationId}: empty {answer.MediaType}"],
            _ => [.. Spec.Value.Check(published, answer.Status, answer.Bytes.Length == 0 ? null : Parse(text))
                .Where(p => answer.Status < 300 || !p.EndsWith("declares no body", StringComparison.Ordinal))],
        };
    }

    private static string Published(string operationId) =>
        ((JObject)MergedSpec.Value["paths"]!).Properties()
            .SelectMany(path => ((JObject)path.Value).Properties().Select(m => (JObject)m.Value))
            .Where(o => (string?)o["operationId"] == operationId)
            .Select(o => (string?)o["x-amigo-spec-operation-id"] ?? operationId)
            .Single();

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    /// <summary>An argument for a façade parameter: ids of what the emulator has (its demo service, user and API key, a
    /// conversation or other resource created first), another 24-hex id otherwise; a request body deserialized (with the generated
    /// client's settings) from a value of the operation's request schema that the emulator's synthesizer builds, which
    /// honours formats, patterns and lengths; defaults (null options) for optional parameters.</summary>
    private static object? Argument(string operationId, ParameterInfo parameter, IReadOnlyDictionary<string, string> ids)
    {
        var type = parameter.ParameterType;
        var name = parameter.Name!;
        if (type == typeof(CancellationToken))
            return CancellationToken.None;
        if (parameter.HasDefaultValue)
            return parameter.DefaultValue;
        if (type == typeof(string))
            return ids.TryGetValue(name, out var id) ? id : Text(name);
        if (type == typeof(InteractionInput))
            return InteractionInput.Text("Hello");
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = Array.CreateInstance(element, 1);
            items.SetValue(element == typeof(string) ? SampleJson.ObjectId : Enum.GetValues(element).GetValue(0), 0);
            return items;
        }

        if (type.Namespace == typeof(CreateConversationRequest).Namespace)
        {
            var body = new SchemaSynthesizer(EmulatorSpec.Instance).Value(EmulatorSpec.Instance.ById[operationId].RequestBody!);
            // Services are the one resource every emulator has: ids the body gives a service name the demo one.
            foreach (var value in body.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
            {
                if (value.Path.Contains("service", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch((string)value!, "^[a-f0-9]{24}$"))
                    value.Value = AmigoEmulatorOptions.DemoServiceId;
                else if (value.Path.EndsWith("conversation_id", StringComparison.Ordinal) && ids.TryGetValue("conversationId", out var conversation))
                    value.Value = conversation;
                else if (value.Path.EndsWith("interaction_id", StringComparison.Ordinal) && ids.TryGetValue("interactionId", out var interaction))
                    value.Value = interaction;
            }
            var settings = AmigoJsonSettings.Create();
            settings.Converters.Add(new IsoDuration());
            return body.ToObject(type, JsonSerializer.Create(settings));
        }

        return Activator.CreateInstance(type);
    }

    private static string Text(string name) => name switch
    {
        "serviceId" => AmigoEmulatorOptions.DemoServiceId,
        "userId" or "requestedUserId" or "xUserId" => AmigoEmulatorOptions.DemoUserId,
        "apiKeyId" or "xApiKeyId" => AmigoEmulatorOptions.DemoApiKeyId,
        "xApiKey" => AmigoEmulatorOptions.DemoApiKey,
        "versionSetName" => "release",
        "version" => "1.0.0",
        "versions" => ">=1.0.0",
        _ when name.EndsWith("Id", StringComparison.Ordinal) => SampleJson.ObjectId,
        _ => "sample",
    };

    /// <summary>Awaits what a façade method returned: a task, every event of a stream, or a pageable's first page (the
    /// synthesized pages say has_more with a fixed token, which a full walk rightly refuses to follow).</summary>
    private static async Task ConsumeAsync(object? result)
    {
        switch (result)
        {
            case Task task:
                await task;
                return;
            case null:
                throw new AssertionException("The façade method returned null.");
        }

        if (result.GetType().GetMethod("AsPages", [typeof(int?), typeof(int?)]) is { } asPages)
        {
            await foreach (var _ in (IAsyncEnumerable<object>)asPages.Invoke(result, [null, null])!)
                return;
            throw new AssertionException("The pageable gave no page.");
        }

        var items = result.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
        var drain = typeof(EveryOperationTests).GetMethod(nameof(DrainAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(items.GetGenericArguments()[0]);
        await (Task)drain.Invoke(null, [result])!;
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
        }
    }

    /// <summary>Reads the spec's ISO 8601 durations (<c>format: duration</c>) of a synthesized body into TimeSpan.</summary>
    private sealed class IsoDuration : JsonConverter<TimeSpan>
    {
        public override TimeSpan ReadJson(JsonReader reader, Type objectType, TimeSpan existingValue, bool hasExistingValue, JsonSerializer serializer) =>
            System.Xml.XmlConvert.ToTimeSpan((string)reader.Value!);

        public override void WriteJson(JsonWriter writer, TimeSpan value, JsonSerializer serializer) =>
            writer.WriteValue(System.Xml.XmlConvert.ToString(value));
    }

    private sealed record Exchange(int Status, string? MediaType, byte[] Bytes);

    /// <summary>Keeps every response's status and body (buffered, then handed on unchanged).</summary>
    private sealed class Recorder : DelegatingHandler
    {
        private readonly List<Exchange> _exchanges = [];

        public Exchange Last
        {
            get
            {
                lock (_exchanges)
                    return _exchanges.Count > 0 ? _exchanges[^1] : throw new AssertionException("No request was sent.");
            }
        }

        public void Clear()
        {
            lock (_exchanges)
                _exchanges.Clear();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var content = new ByteArrayContent(bytes);
            foreach (var header in response.Content.Headers)
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content.Dispose();
            response.Content = content;
            lock (_exchanges)
                _exchanges.Add(new Exchange((int)response.StatusCode, content.Headers.ContentType?.MediaType, bytes));
            return response;
        }
    }
}
