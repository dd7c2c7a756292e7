using System.Net;
using Amigo.Tests.Support;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class RateLimitTests
{
    private const string ConversationsUrl = AmigoTestHost.BaseUrl + "v1/acme/conversation/";

    private static HttpResponseMessage WithRateLimitHeaders(HttpStatusCode status, string? retryAfter = null)
    {
        var response = AmigoTestHost.Json(status, """{"detail":"The user has exceeded the rate limit of 15 requests per minute for this endpoint."}""");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "15");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", status == HttpStatusCode.TooManyRequests ? "0" : "11");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "1767268860");
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    [Test]
    public async Task RateLimitHeaders_OfEveryResponse_ReachTheCallback()
    {
        var seen = new List<AmigoRateLimitInfo>();
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.RateLimitObserved = info =>
            {
                lock (seen)
                {
                    seen.Add(info);
                }
            };
        });
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(_ => WithRateLimitHeaders(HttpStatusCode.OK));

        (await host.GetConversationsAsync()).Dispose();
        (await host.GetConversationsAsync()).Dispose();

        Assert.That(seen, Has.Count.EqualTo(2));
        Assert.That(seen[0].Operation, Is.EqualTo("get-conversations"));
        Assert.That(seen[0].Limit, Is.EqualTo(15));
        Assert.That(seen[0].Remaining, Is.EqualTo(11));
        Assert.That(seen[0].ResetAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1767268860)));
    }

    [Test]
    public async Task AThrowingCallback_DoesNotBreakTheCall()
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.RateLimitObserved = _ => throw new InvalidOperationException("observer bug");
        });
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(_ => WithRateLimitHeaders(HttpStatusCode.OK));

        using var response = await host.GetConversationsAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(host.Logs.Entries.Any(e => e.EventId.Id == 11 && e.Message.Contains("InvalidOperationException")));
    }

    [Test]
    public void RateLimitedException_CarriesRetryAfterAndTheRateLimitInfo()
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.Retry.MaxRetries = 0;
        });
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(_ => WithRateLimitHeaders(HttpStatusCode.TooManyRequests, retryAfter: "42"));

        var error = Assert.ThrowsAsync<AmigoRateLimitedException>(() => host.GetConversationsAsync());

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(42)));
        Assert.That(error.RateLimit!.Limit, Is.EqualTo(15));
        Assert.That(error.RateLimit.Remaining, Is.EqualTo(0));
        Assert.That(error.RateLimit.ResetAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1767268860)));
    }

    [Test]
    public async Task ClientSideThrottling_HoldsCallsOverTheDocumentedLimitUntilTheWindowMoves()
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.ClientSideRateLimiting = true;
        });
        var created = new Dictionary<int, ManualRateLimiter>();
        host.Client.Context.Runtime.RateLimiters = new ClientRateLimiters(limit => created[limit] = new ManualRateLimiter(limit));
        var create = host.Http.When(HttpMethod.Post, ConversationsUrl).Respond(HttpStatusCode.Created, "application/json", "{}");
        var list = host.Http.When(HttpMethod.Get, ConversationsUrl).Respond("application/json", "{}");

        for (var i = 0; i < 5; i++)
        {
            (await host.SendAsync(HttpMethod.Post, "v1/acme/conversation/")).Dispose();
        }

        var sixth = host.SendAsync(HttpMethod.Post, "v1/acme/conversation/");
        (await host.GetConversationsAsync()).Dispose();

        Assert.That(sixth.IsCompleted, Is.False, "create-conversation allows 5 per minute; the sixth waits");
        Assert.That(host.Http.GetMatchCount(create), Is.EqualTo(5));
        Assert.That(host.Http.GetMatchCount(list), Is.EqualTo(1), "other operations have their own limit");

        Assert.That(created.Keys, Is.EquivalentTo(new[] { 5, 15 }), "create-conversation 5/min, get-conversations 15/min");
        Assert.That(created[5].Queued, Is.EqualTo(1));
        created[5].AddPermits(1);
        (await sixth.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        Assert.That(host.Http.GetMatchCount(create), Is.EqualTo(6));
    }

    [Test]
    public async Task ClientSideThrottling_WaitHonoursCancellation()
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.ClientSideRateLimiting = true;
        });
        host.Client.Context.Runtime.RateLimiters = new ClientRateLimiters(limit => new ManualRateLimiter(limit));
        host.Http.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/conversation/abc/finish/").Respond(HttpStatusCode.NoContent);
        var calls = Enumerable.Range(0, 5).Select(_ => host.SendAsync(HttpMethod.Post, "v1/acme/conversation/abc/finish/")).ToArray();
        using var cancel = new CancellationTokenSource();

        var waiting = host.SendAsync(HttpMethod.Post, "v1/acme/conversation/abc/finish/", null, cancel.Token);
        cancel.Cancel();

        Assert.That(async () => await waiting.WaitAsync(TimeSpan.FromSeconds(30)), Throws.InstanceOf<OperationCanceledException>());
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [TestCase("interact-with-conversation", 15)]
    [TestCase("create-conversation", 5)]
    [TestCase("evaluate-metrics", 50)]
    [TestCase("sign-in-with-api-key", 5)]
    [TestCase("get-dynamic-behavior-set-versions", 1000)]
    public void TheDefaultLimiters_AllowTheDocumentedRequestsPerMinute(string operationId, int limit)
    {
        using var limiters = new ClientRateLimiters();
        var limiter = limiters.For(AmigoOperations.All.Single(o => o.Id == operationId))!;

        for (var i = 0; i < limit; i++)
        {
            Assert.That(limiter.AttemptAcquire().IsAcquired, Is.True);
        }

        Assert.That(limiter.AttemptAcquire().IsAcquired, Is.False);
        Assert.That(limiter, Is.InstanceOf<System.Threading.RateLimiting.SlidingWindowRateLimiter>());
    }

    [Test]
    public async Task ThrottlingIsOff_ByDefault()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        var create = host.Http.When(HttpMethod.Post, ConversationsUrl).Respond(HttpStatusCode.Created, "application/json", "{}");

        for (var i = 0; i < 8; i++)
        {
            (await host.SendAsync(HttpMethod.Post, "v1/acme/conversation/")).Dispose();
        }

        Assert.That(host.Http.GetMatchCount(create), Is.EqualTo(8));
        Assert.That(host.Client.Context.Runtime.RateLimiters, Is.Null);
    }

    [Test]
    public void TheOperationTable_MatchesTheSpec()
    {
        var root = FindRepositoryRoot();
        var streaming = new List<string>();
        var specOperations = new List<(string Id, string Method, string Path, int? Success, int? Limit)>();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "openapi"), "*.json", SearchOption.AllDirectories))
        {
            var document = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(file));
            if (document["paths"] is not Newtonsoft.Json.Linq.JObject paths)
            {
                continue;
            }

            foreach (var path in paths.Properties())
            {
                foreach (var method in ((Newtonsoft.Json.Linq.JObject)path.Value).Properties())
                {
                    var description = (string?)method.Value["responses"]?["429"]?["description"] ?? string.Empty;
                    var match = System.Text.RegularExpressions.Regex.Match(description, @"rate limit of (\d+) request");
                    var success = ((Newtonsoft.Json.Linq.JObject)method.Value["responses"]!).Properties().Select(p => p.Name).Single(code => code.StartsWith('2'));
                    // Read as it arrives: an event stream, or a file (a non-JSON media type with a string schema or none).
                    var content = method.Value["responses"]![success]!["content"] as Newtonsoft.Json.Linq.JObject;
                    if (content?["application/x-ndjson"] is not null || (content?.Properties() ?? []).Any(m =>
                            m.Name != "application/json" && !m.Name.EndsWith("+json", StringComparison.Ordinal) && (string?)m.Value["schema"]?["type"] is null or "string"))
                    {
                        streaming.Add((string)method.Value["operationId"]!);
                    }

                    specOperations.Add(((string)method.Value["operationId"]!, method.Name.ToUpperInvariant(), path.Name, int.Parse(success), match.Success ? int.Parse(match.Groups[1].Value) : null));
                }
            }
        }

        // Ids: the published operationId, or for FastAPI's default ids (get_roles_v1__organization__role__get) the route name before the path.
        var table = AmigoOperations.All.Select(o => (o.Id, o.Method.Method, o.PathTemplate, o.SuccessStatus, o.RequestsPerMinute)).ToList();
        Assert.That(table.Select(o => (o.Method, o.PathTemplate, o.SuccessStatus, o.RequestsPerMinute)), Is.EquivalentTo(specOperations.Select(o => (o.Method, o.Path, o.Success, o.Limit))));
        foreach (var (id, method, path, _, _) in specOperations)
        {
            var clean = table.Single(o => o.Method == method && o.PathTemplate == path).Id;
            Assert.That(id.Replace('_', '-') == clean || id.Replace('_', '-').StartsWith(clean + "-", StringComparison.Ordinal), Is.True, $"{method} {path}: {id} is {clean}");
        }
        Assert.That(AmigoOperations.All.Where(o => o.StreamsResponse).Select(o => o.Id), Is.EquivalentTo(streaming));
    }

    [TestCase("GET", "/v1/acme/dynamic_behavior_set/search", "search-dynamic-behavior-sets")]
    [TestCase("GET", "/v1/acme/dynamic_behavior_set/", "get-dynamic-behavior-sets")]
    [TestCase("POST", "/v1/acme/dynamic_behavior_set/abc/", "update-dynamic-behavior-set")]
    [TestCase("DELETE", "/v1/acme/dynamic_behavior_set/abc/", "delete-dynamic-behavior-instruction")]
    [TestCase("POST", "/v1/acme/conversation/conversation_starter", "generate-conversation-starter")]
    [TestCase("POST", "/v1/acme/conversation/", "create-conversation")]
    [TestCase("POST", "/prefix/v1/acme/conversation/abc/interact", "interact-with-conversation")]
    [TestCase("GET", "/v1/acme/nothing", "GET /v1/acme/nothing")]
    public void Requests_ResolveToTheirOperation(string method, string path, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.amigo.ai" + path);

        Assert.That(AmigoOperations.Resolve(request).Id, Is.EqualTo(expected));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "openapi")) && File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with openapi/) was not found above the test directory.");
    }
}
