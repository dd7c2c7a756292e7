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
/// checked against the published spec's schema for its status, and must be a success: what an operation needs is
/// made first through the façade (the resources its path names, a conversation with a completed interaction), so no
/// operation answers an error the API would not. Files (archives) are read through and opened. Each case gets a
/// fresh emulator, so operations that delete (the organization, the demo user, the demo API key) cannot affect the others.
/// </summary>
public sealed class EveryOperationTests
{
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
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Operation(string operationId)
    {
        var (_, group, method) = Facade.Value.Single(o => o.Id == operationId);
        // The resources made first are an hour old when the operation is called: the spec limits some changes to
        // once per hour (rotate-webhook-destination-secret: "at most once per hour", 400 otherwise, which the
        // emulator's own tests cover), counted from the destination's creation here. Tokens outlive the jump.
        var clock = new SteppedClock();
        var emulatorOptions = new AmigoEmulatorOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromDays(1) };
        await using var emulator = await AmigoEmulator.StartAsync(emulatorOptions);
        using var recorder = new Recorder { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } };
        using var client = new AmigoClient(new AmigoClientOptions
        {
            OrganizationId = emulator.OrganizationId,
            BaseUrl = emulator.BaseUrl,
            Credential = AmigoCredential.FromApiKey(AmigoEmulatorOptions.DemoApiKey, AmigoEmulatorOptions.DemoApiKeyId, AmigoEmulatorOptions.DemoUserId),
            StrictDecoding = true,
        }, recorder);

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = method.GetParameters().Select(p => p.Name!).ToList();
        if (names.Contains("conversationId"))
            await ConverseAsync(client, ids, interact: names.Contains("interactionId") || names.Contains("messageId"));
        foreach (var parameter in method.GetParameters().Where(p => p.ParameterType == typeof(string) && !ids.ContainsKey(p.Name!)))
        {
            if (await CreateAsync(client, operationId, parameter.Name!, ids) is { } created)
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
        clock.Advance(emulatorOptions.Webhooks.MinimumRotationInterval);
        recorder.Clear();

        int status;
        try
        {
            var result = await ConsumeAsync(method.Invoke(group.GetValue(client), arguments));
            status = recorder.Last.Status;
            if (result is AmigoFileResponse file)
                await CheckFileAsync(file, recorder.Last);
        }
        catch (AmigoApiException e)
        {
            status = e.StatusCode;
        }

        var last = recorder.Last;
        Assert.That(last.Status, Is.EqualTo(status));
        TestContext.Out.WriteLine($"{operationId}: {status}");
        Assert.That(Problems(operationId, last), Is.Empty, $"{operationId} answered {last.Status}: {Encoding.UTF8.GetString(last.Bytes)}");
        lock (Succeeded)
        {
            Succeeded[operationId] = status < 300;
        }

        // Every operation succeeds: each one the API would answer with success, given what is made first.
        Assert.That(status, Is.InRange(200, 299), $"{operationId} answered {status}: {Encoding.UTF8.GetString(last.Bytes)}");
    }

    [OneTimeTearDown]
    public void Report()
    {
        lock (Succeeded)
        {
            TestContext.Progress.WriteLine(
                $"EveryOperationTests: {Succeeded.Count} operations called through the façade, {Succeeded.Count(s => s.Value)} succeeded, " +
                $"{Succeeded.Count(s => !s.Value)} answered an error.");
        }
    }

    /// <summary>
    /// The value of a path parameter that names a resource the emulator keeps, made first through the façade: the
    /// stateful operation that creates it, found by the path's shape: a POST to the path before the parameter (its
    /// answer's <c>id</c>, or <c>…_id</c>, or for a <c>…_name</c> parameter the name it was created with: the body's field
    /// of the parameter's name, or its <c>name</c>), or a PUT to the
    /// path up to the parameter (an upsert, with a name of the test's choosing). Null when there is none, or it fails.
    /// </summary>
    private static async Task<string?> CreateAsync(AmigoClient client, string operationId, string parameter, IReadOnlyDictionary<string, string> known)
    {
        var snake = string.Concat(parameter.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
        var (_, path) = Route(operationId);
        var at = path.IndexOf("{" + snake + "}", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var collection = path[..at].TrimEnd('/');
        var item = path[..(at + snake.Length + 2)];
        var creator = Facade.Value.FirstOrDefault(o => o.Id != operationId && EmulatorOperations.Stateful.Contains(o.Id) && Route(o.Id) switch
        {
            ("post", var p) => p.TrimEnd('/') == collection,
            ("put", var p) => p.TrimEnd('/') == item,
            _ => false,
        });
        if (creator.Method is null)
            return null;

        var upserted = Route(creator.Id).Method == "put" ? "emulated-" + snake.Replace('_', '-') : null;
        var ids = new Dictionary<string, string>(known, StringComparer.Ordinal);
        if (upserted is not null)
            ids[parameter] = upserted;
        var arguments = creator.Method.GetParameters().Select(p => Argument(creator.Id, p, ids)).ToArray();
        var task = (Task)creator.Method.Invoke(creator.Group.GetValue(client), arguments)!;
        try
        {
            await task;
        }
        catch (AmigoApiException)
        {
            return null; // the synthesized body names what the emulator doesn't have: the operation gets an unknown value
        }

        if (upserted is not null)
            return upserted;
        var serializer = JsonSerializer.Create(AmigoJsonSettings.Create());
        if (snake.EndsWith("_name", StringComparison.Ordinal))
        {
            var body = arguments.FirstOrDefault(a => a?.GetType().Namespace == typeof(CreateConversationRequest).Namespace);
            var fields = body is null ? null : JObject.FromObject(body, serializer);
            return (string?)(fields?[snake] ?? fields?["name"]);
        }

        var response = JObject.FromObject(task.GetType().GetProperty("Result")!.GetValue(task)!, serializer);
        return (string?)(response["id"] ?? response[snake] ?? response.Properties().FirstOrDefault(p => p.Name.EndsWith("_id", StringComparison.Ordinal))?.Value);
    }

    /// <summary>A conversation made first: its id, and, when the operation is about one of its interactions or
    /// messages, a turn completed through the streamed interact call (answered in voice, so its agent message has an
    /// audio source), whose interaction and message ids the operation gets.</summary>
    private static async Task ConverseAsync(AmigoClient client, Dictionary<string, string> ids, bool interact)
    {
        var created = await client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = AmigoEmulatorOptions.DemoServiceId }).CollectAsync();
        var conversationId = created.ConversationId ?? throw new AssertionException("The emulator did not say which conversation it created.");
        ids["conversationId"] = conversationId;
        if (!interact)
            return;
        var turn = await client.Conversations.InteractAsync(conversationId, InteractionInput.Text("Hello"), new ConversationTurnOptions { ResponseFormat = Format.Voice }).CollectAsync();
        ids["interactionId"] = turn.InteractionId;
        ids["messageId"] = turn.MessageId;
    }

    private static (string Method, string Path) Route(string operationId) =>
        ((JObject)MergedSpec.Value["paths"]!).Properties()
            .SelectMany(path => ((JObject)path.Value).Properties().Where(m => m.Value is JObject).Select(m => (Method: m.Name, Path: path.Name, Operation: (JObject)m.Value)))
            .Where(o => (string?)o.Operation["operationId"] == operationId)
            .Select(o => (o.Method, o.Path))
            .Single();

    /// <summary>Reads a file the façade returned: its bytes must be what the server sent, of the declared media type
    /// (a zip that opens, a gzip that decompresses), with the server's file name and length; disposing it closes the body.</summary>
    private static async Task CheckFileAsync(AmigoFileResponse file, Exchange answer)
    {
        using var copy = new MemoryStream();
        using (file)
            await file.Content.CopyToAsync(copy);
        Assert.That(() => file.Content.ReadByte(), Throws.InstanceOf<ObjectDisposedException>(), "disposing the file closes its body");
        var bytes = copy.ToArray();
        Assert.That(bytes, Is.EqualTo(answer.Bytes));
        Assert.That(file.ContentType, Is.EqualTo(answer.MediaType));
        Assert.That(file.Length, Is.EqualTo(bytes.Length));
        Assert.That(file.FileName, Is.Not.Null.And.Not.Empty);
        using var stream = new MemoryStream(bytes);
        switch (file.ContentType)
        {
            case "application/zip":
                using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read))
                    Assert.That(zip.Entries, Is.Not.Empty);
                break;
            case "application/gzip":
                using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress))
                using (var reader = new StreamReader(gzip))
                    Assert.That(await reader.ReadToEndAsync(), Is.Not.Empty);
                break;
            default:
                Assert.Fail($"No check for a file of type {file.ContentType}.");
                break;
        }
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
            // Every emulator has its demo service and user: ids the body gives a service or a user name the demo ones.
            foreach (var value in body.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
            {
                if (value.Path.EndsWith("user_id", StringComparison.Ordinal))
                    value.Value = AmigoEmulatorOptions.DemoUserId;
                else if (value.Path.Contains("service", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch((string)value!, "^[a-f0-9]{24}$"))
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
    private static async Task<object?> ConsumeAsync(object? result)
    {
        switch (result)
        {
            case Task task:
                await task;
                return task.GetType().GetProperty("Result")?.GetValue(task);
            case null:
                throw new AssertionException("The façade method returned null.");
        }

        if (result.GetType().GetMethod("AsPages", [typeof(int?), typeof(int?)]) is { } asPages)
        {
            await foreach (var page in (IAsyncEnumerable<object>)asPages.Invoke(result, [null, null])!)
                return page;
            throw new AssertionException("The pageable gave no page.");
        }

        var items = result.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
        var drain = typeof(EveryOperationTests).GetMethod(nameof(DrainAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(items.GetGenericArguments()[0]);
        await (Task)drain.Invoke(null, [result])!;
        return null;
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

    /// <summary>The system clock, moved forward on demand.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
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
