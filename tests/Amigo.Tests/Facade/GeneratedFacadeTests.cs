using System.Net;
using System.Reflection;
using Amigo.Generated;
using Amigo.Tests.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

/// <summary>The generated resource layer: conformance with the merged spec, request shape, checks, call options, raw responses, fakes.</summary>
public class GeneratedFacadeTests
{
    private const string Id = "0123456789abcdef01234567";

    private static JObject MergedSpec()
    {
        using var stream = typeof(ConversationClient).Assembly.GetManifestResourceStream("Amigo.Generated.amigo.openapi.json")!;
        using var reader = new StreamReader(stream);
        return JObject.Parse(reader.ReadToEnd());
    }

    private static IEnumerable<(string Id, JObject Operation)> SpecOperations(JObject spec) =>
        ((JObject)spec["paths"]!).Properties().SelectMany(p => ((JObject)p.Value).Properties()
            .Where(m => m.Value is JObject o && o["responses"] is not null)
            .Select(m => ((string)m.Value["operationId"]!, (JObject)m.Value)));

    private static JObject Resolve(JObject spec, JObject schema) =>
        schema["$ref"] is { } reference ? (JObject)spec.SelectToken("$." + string.Join('.', ((string)reference!).TrimStart('#', '/').Split('/').Select(s => $"['{s}']")))! : schema;

    /// <summary>The shape that makes a list: continuation_token and limit in the query; has_more, continuation_token and one array in the answer.</summary>
    private static bool IsListShaped(JObject spec, JObject operation)
    {
        var query = operation["parameters"]!.Where(p => (string)p["in"]! == "query").Select(p => (string)p["name"]!).ToHashSet();
        if (!query.Contains("continuation_token") || !query.Contains("limit")) return false;
        var success = ((JObject)operation["responses"]!).Properties().First(r => r.Name.StartsWith('2'));
        if (success.Value["content"]?["application/json"]?["schema"] is not JObject schema) return false;
        var properties = (JObject?)Resolve(spec, schema)["properties"];
        return properties?["has_more"] is not null && properties["continuation_token"] is not null
            && properties.Properties().Count(p => (string?)Resolve(spec, (JObject)p.Value)["type"] == "array") == 1;
    }

    /// <summary>The operations of the repository's openapi/ files, which the build merged.</summary>
    private static int RepositoryOperationCount()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "openapi")))
            directory = directory.Parent;
        Assert.That(directory, Is.Not.Null, "openapi/ not found above the test directory");
        return Directory.EnumerateFiles(Path.Combine(directory!.FullName, "openapi"), "*.json", SearchOption.AllDirectories)
            .Sum(f => JObject.Parse(File.ReadAllText(f))["paths"] is JObject paths ? paths.Properties().Sum(p => ((JObject)p.Value).Count) : 0);
    }

    private static List<(MethodInfo Method, string OperationId)> FacadeMethods() =>
        typeof(AmigoClient).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(AmigoResource)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<AmigoOperationAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Method, m.Attribute!.OperationId))
            .ToList();

    [Test]
    public void EveryOperationOfTheSpec_HasExactlyOneFacadeMethod_AndNoMethodCallsAnOperationTheSpecLacks()
    {
        var specIds = SpecOperations(MergedSpec()).Select(o => o.Id).ToList();
        var methods = FacadeMethods();

        Assert.That(specIds, Has.Count.EqualTo(RepositoryOperationCount()), "every operation of openapi/ (116 in the newest release)");
        Assert.That(methods.GroupBy(m => m.OperationId).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "operations with more than one method");
        Assert.That(specIds.Except(methods.Select(m => m.OperationId)), Is.Empty, "operations without a method");
        Assert.That(methods.Select(m => m.OperationId).Except(specIds), Is.Empty, "methods for operations the spec does not have");
    }

    [Test]
    public void EveryListShapedOperation_ReturnsAnAmigoPageable_AndNoOtherDoes()
    {
        var spec = MergedSpec();
        var listShaped = SpecOperations(spec).Where(o => IsListShaped(spec, o.Operation)).Select(o => o.Id).ToHashSet();
        var methods = FacadeMethods();

        Assert.That(listShaped, Has.Count.GreaterThan(20));
        foreach (var (method, id) in methods)
        {
            var pageable = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(AmigoPageable<,>);
            Assert.That(pageable, Is.EqualTo(listShaped.Contains(id)), $"{method.DeclaringType!.Name}.{method.Name} ({id})");
        }
    }

    [Test]
    public void EveryTag_IsAResourceGroupOnTheClient_WithVirtualMethods_AndEveryPlainGeneratedMethodHasAWithResponseVariant()
    {
        var groups = typeof(AmigoClient).GetProperties().Where(p => p.PropertyType.IsSubclassOf(typeof(AmigoResource))).ToList();
        Assert.That(groups.Select(g => g.Name), Is.EquivalentTo(new[]
        {
            "Admin", "Conversations", "DynamicBehaviorSets", "Metrics", "Organizations", "Roles", "Services", "Simulations", "Tools", "Users", "WebhookDestinations",
        }));
        Assert.That(groups.Where(g => !g.GetMethod!.IsVirtual), Is.Empty);

        foreach (var (method, id) in FacadeMethods())
        {
            Assert.That(method.IsVirtual, $"{method.Name} is virtual");
            Assert.That(method.GetParameters().Last().ParameterType, Is.EqualTo(typeof(CancellationToken)), method.Name);
            Assert.That(method.GetParameters()[^2].ParameterType, Is.EqualTo(typeof(AmigoCallOptions)), $"{id}: {method.Name} takes per-call options before its cancellation token");
            if (method.GetParameters().Any(p => p.ParameterType == typeof(AmigoCallOptions)) && method.ReturnType.IsAssignableTo(typeof(Task)))
            {
                var raw = method.DeclaringType!.GetMethod(method.Name[..^"Async".Length] + "WithResponseAsync");
                Assert.That(raw, Is.Not.Null, $"{id}: {method.Name} has no WithResponseAsync variant");
                Assert.That(raw!.ReturnType.IsGenericType && raw.ReturnType.GetGenericArguments()[0].IsAssignableTo(typeof(AmigoResponse)), id);
            }
        }
    }

    [Test]
    public async Task AListOperation_SendsItsQuery_AndWalksPages_EachWithItsRawResponse()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        HttpResponseMessage Page(string json, string requestId, string remaining)
        {
            var response = AmigoTestHost.Json(HttpStatusCode.OK, json);
            response.Headers.Add("x-request-id", requestId);
            response.Headers.Add("X-RateLimit-Limit", "50");
            response.Headers.Add("X-RateLimit-Remaining", remaining);
            return response;
        }
        host.Http.Expect(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/service/")
            .WithExactQueryString($"id={Id}&is_active=true&limit=2")
            .Respond(_ => Page("""{"services":[{"id":"a"},{"id":"b"}],"has_more":true,"continuation_token":2}""", "req-1", "49"));
        host.Http.Expect(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/service/")
            .WithExactQueryString($"id={Id}&is_active=true&limit=2&continuation_token=2")
            .Respond(_ => Page("""{"services":[{"id":"c"}],"has_more":false,"continuation_token":null}""", "req-2", "48"));

        var pages = new List<(int Count, HttpStatusCode? Status, string? RequestId, int? Remaining)>();
        await foreach (var page in host.Client.Services.GetServicesAsync(new GetServicesOptions { Id = [Id], IsActive = true, PageSize = 2 }).AsPages())
        {
            pages.Add((page.Items.Count, page.RawResponse?.Status, page.RawResponse?.RequestId, page.RawResponse?.RateLimit?.Remaining));
        }

        Assert.That(pages, Is.EqualTo(new[] { (2, (HttpStatusCode?)HttpStatusCode.OK, "req-1", (int?)49), (1, HttpStatusCode.OK, "req-2", 48) }));
        host.Http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SpecConstraints_AreArgumentExceptionsNamingTheParameter_BeforeAnythingIsSent()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        var sent = host.Http.When("*").Respond(HttpStatusCode.OK);

        var pattern = Assert.Throws<ArgumentException>(() => host.Client.WebhookDestinations.DeleteWebhookDestinationAsync("not-an-id"));
        Assert.That(pattern!.ParamName, Is.EqualTo("webhookDestinationId"));
        Assert.That(pattern.Message, Does.Contain("^[a-f0-9]{24}$"));

        var item = Assert.Throws<ArgumentException>(() => host.Client.Services.GetServicesAsync(new GetServicesOptions { Id = [Id, "x"] }));
        Assert.That(item!.ParamName, Is.EqualTo("options.Id[1]"));

        var unique = Assert.Throws<ArgumentException>(() => host.Client.Services.GetServicesAsync(new GetServicesOptions { Id = [Id, Id] }));
        Assert.That(unique!.ParamName, Is.EqualTo("options.Id"));

        var hint = Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.Services.GetServicesAsync().AsPages(pageSizeHint: 21));
        Assert.That(hint!.ParamName, Is.EqualTo("pageSizeHint"));

        var missing = Assert.Throws<ArgumentNullException>(() => host.Client.Roles.CreateRoleAsync(null!));
        Assert.That(missing!.ParamName, Is.EqualTo("request"));

        Assert.That(host.Http.GetMatchCount(sent), Is.Zero);
    }

    [Test]
    public async Task CallOptions_AddHeaders_IncludingTheMongoClusterName()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        host.Http.Expect(HttpMethod.Delete, AmigoTestHost.BaseUrl + $"v1/acme/webhook_destination/{Id}")
            .WithHeaders("x-mongo-cluster-name", "cluster-7")
            .WithHeaders("x-trace", "t-1")
            .Respond(HttpStatusCode.NoContent);

        var callOptions = new AmigoCallOptions { MongoClusterName = "cluster-7" };
        callOptions.Headers["x-trace"] = "t-1";
        await host.Client.WebhookDestinations.DeleteWebhookDestinationAsync(Id, callOptions);

        host.Http.VerifyNoOutstandingExpectation();
        var authorization = new AmigoCallOptions();
        authorization.Headers["Authorization"] = "Bearer other";
        Assert.Throws<ArgumentException>(() => host.Client.WebhookDestinations.DeleteWebhookDestinationAsync(Id, authorization));
    }

    [Test]
    public async Task CallOptions_MaxRetries_ReplaceTheClientsForThatCallOnly()
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.Retry.MaxRetries = 3;
        });
        var route = host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/webhook_destination/").Respond(HttpStatusCode.ServiceUnavailable);

        Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.Client.WebhookDestinations.GetWebhookDestinationsAsync(callOptions: new AmigoCallOptions { MaxRetries = 0 }));
        Assert.That(host.Http.GetMatchCount(route), Is.EqualTo(1));

        Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.Client.WebhookDestinations.GetWebhookDestinationsAsync(callOptions: new AmigoCallOptions { MaxRetries = 1 }));
        Assert.That(host.Http.GetMatchCount(route), Is.EqualTo(3));

        Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.Client.WebhookDestinations.GetWebhookDestinationsAsync());
        Assert.That(host.Http.GetMatchCount(route), Is.EqualTo(7), "the client's 3 retries");
        await Task.CompletedTask;
    }

    [Test]
    public async Task CallOptions_Timeout_BoundsEachAttemptOfThatCall()
    {
        var hanging = new HangingHandler();
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.RequestTimeout = TimeSpan.FromHours(1);
        })
        { Transport = hanging };

        var timeout = TimeSpan.FromMilliseconds(200);
        var error = Assert.ThrowsAsync<AmigoTimeoutException>(() =>
            host.Client.WebhookDestinations.GetWebhookDestinationsAsync(callOptions: new AmigoCallOptions { Timeout = timeout, MaxRetries = 0 }));
        Assert.That(error!.Timeout, Is.EqualTo(timeout));
        Assert.That(error.Operation, Is.EqualTo("get-webhook-destinations"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task WithResponseAsync_ReturnsStatusHeadersRequestIdAndRateLimit()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/webhook_destination/").Respond(_ =>
        {
            var response = AmigoTestHost.Json(HttpStatusCode.OK, """{"webhook_destinations":[]}""");
            response.Headers.Add("x-request-id", "req-42");
            response.Headers.Add("X-RateLimit-Limit", "50");
            response.Headers.Add("X-RateLimit-Remaining", "49");
            return response;
        });
        host.Http.When(HttpMethod.Delete, AmigoTestHost.BaseUrl + $"v1/acme/webhook_destination/{Id}").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NoContent);
            response.Headers.Add("x-request-id", "req-43");
            return response;
        });

        var raw = await host.Client.WebhookDestinations.GetWebhookDestinationsWithResponseAsync();
        Assert.That(raw.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(raw.RequestId, Is.EqualTo("req-42"));
        Assert.That(raw.Headers["Content-Type"].Single(), Does.StartWith("application/json"));
        Assert.That(raw.RateLimit?.Remaining, Is.EqualTo(49));
        Assert.That(raw.Value.WebhookDestinations, Is.Empty);

        var bodyless = await host.Client.WebhookDestinations.DeleteWebhookDestinationWithResponseAsync(Id);
        Assert.That(bodyless.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(bodyless.RequestId, Is.EqualTo("req-43"));
    }

    private sealed class FakeConversations : ConversationsResource
    {
        public List<string> Finished { get; } = [];

        public override Task FinishConversationAsync(string conversationId, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default)
        {
            Finished.Add(conversationId);
            return Task.CompletedTask;
        }
    }

    private sealed class FakeClient : AmigoClient
    {
        public override ConversationsResource Conversations { get; } = new FakeConversations();

        public override string OrganizationId => "fake-org";
    }

    /// <summary>Code under test that takes an AmigoClient, as an application would.</summary>
    private static Task FinishAllAsync(AmigoClient client, params string[] ids) => Task.WhenAll(ids.Select(id => client.Conversations.FinishConversationAsync(id)));

    [Test]
    public async Task AResourceGroup_CanBeFaked_ThroughThePublicApi()
    {
        using var client = new FakeClient();

        await FinishAllAsync(client, "a", "b");

        Assert.That(((FakeConversations)client.Conversations).Finished, Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(client.OrganizationId, Is.EqualTo("fake-org"));
        Assert.Throws<InvalidOperationException>(() => client.Services.GetServicesAsync(), "a group the fake does not override has no connection");
    }
}
