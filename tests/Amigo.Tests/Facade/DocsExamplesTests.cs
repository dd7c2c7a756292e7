using System.Net;
using System.Text.RegularExpressions;
using Amigo.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

/// <summary>Runs the examples of docs/facade.md, and checks that the page still shows exactly this code.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class DocsExamplesTests
{
    private const string apiKey = AmigoTestHost.ApiKey;
    private const string apiKeyId = AmigoTestHost.ApiKeyId;
    private const string userId = AmigoTestHost.UserId;
    private const string jwt = AmigoTestHost.Jwt;

    [Test]
    public void EveryCodeBlockOfTheFacadePage_IsInThisTest()
    {
        var root = RepositoryRoot();
        var page = File.ReadAllText(Path.Combine(root, "docs", "facade.md"));
        var source = Lines(File.ReadAllText(Path.Combine(root, "tests", "Amigo.Tests", "Facade", "DocsExamplesTests.cs")));
        var blocks = CodeBlock().Matches(page).Select(m => Lines(m.Groups[1].Value)).ToList();

        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(5));
        foreach (var block in blocks)
        {
            Assert.That(Enumerable.Range(0, source.Count).Any(start => ContainsInOrder(source, start, block)), Is.True, "docs/facade.md shows code this test does not run:\n" + string.Join('\n', block));
        }
    }

    [Test]
    public async Task EveryOperation_CallOptionsAndRawResponse()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(jwt));
        host.Http.Expect(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/webhook_destination/")
            .WithHeaders("x-mongo-cluster-name", "cluster-eu-1")
            .Respond(_ =>
            {
                var answer = AmigoTestHost.Json(HttpStatusCode.OK, """{"webhook_destinations":[]}""");
                answer.Headers.Add("x-request-id", "req-1");
                return answer;
            });
        var client = host.Client;
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            var callOptions = new AmigoCallOptions { MongoClusterName = "cluster-eu-1", MaxRetries = 0 };
            var response = await client.WebhookDestinations.GetWebhookDestinationsWithResponseAsync(callOptions: callOptions);
            Console.WriteLine($"HTTP {(int)response.Status}, request {response.RequestId}: {response.Value.WebhookDestinations.Count} destinations");
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.That(output.ToString().Trim(), Is.EqualTo("HTTP 200, request req-1: 0 destinations"));
        host.Http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void Configuration_FromEnvironment()
    {
        var variables = new Dictionary<string, string>
        {
            ["AMIGO_API_KEY"] = apiKey,
            ["AMIGO_API_KEY_ID"] = apiKeyId,
            ["AMIGO_USER_ID"] = userId,
            ["AMIGO_ORGANIZATION_ID"] = "my-org",
        };
        var previous = variables.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            using var client = new AmigoClient(AmigoClientOptions.FromEnvironment());

            Assert.That(client.OrganizationId, Is.EqualTo("my-org"));
            Assert.That(client.BaseUrl, Is.EqualTo(new Uri("https://api.amigo.ai/")));
        }
        finally
        {
            foreach (var (name, value) in previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Test]
    public void Configuration_InCode()
    {
        var loggerFactory = new LogCapture();

        var options = new AmigoClientOptions
        {
            OrganizationId = "my-org",
            Region = AmigoRegion.EuCentral1,                      // or BaseUrl = new Uri("https://...")
            Credential = AmigoCredential.FromApiKey(apiKey, apiKeyId, userId),
            RequestTimeout = TimeSpan.FromSeconds(30),            // per attempt; streams: until headers arrive
            StreamIdleTimeout = TimeSpan.FromMinutes(3),          // longest silence between two stream events
            Retry = { MaxRetries = 5, MaxRetryAfter = TimeSpan.FromSeconds(30) },
            ClientSideRateLimiting = true,                        // stay under the documented per-endpoint limits
            RateLimitObserved = info => Console.WriteLine(info),  // X-RateLimit-* of every response
            LoggerFactory = loggerFactory,
        };
        using var client = new AmigoClient(options);

        Assert.That(client.BaseUrl, Is.EqualTo(new Uri("https://api-eu-central-1.amigo.ai/")));
        Assert.That(client.StreamIdleTimeout, Is.EqualTo(TimeSpan.FromMinutes(3)));
        Assert.That(client.Context.Options.Retry.MaxRetries, Is.EqualTo(5));
    }

    [Test]
    public void Authentication_Choices()
    {
        var options = new AmigoClientOptions();
        var tokens = new FixedTokens();

        // API key: the client signs in (sign-in-with-api-key), caches the JWT, refreshes it 5 minutes before it expires,
        // shares one sign-in among any number of concurrent callers, and after a 401 refreshes once and replays the request.
        options.Credential = AmigoCredential.FromApiKey(apiKey, apiKeyId, userId);
        Assert.That(options.Credential, Is.TypeOf<AmigoApiKeyCredential>());

        // A JWT you already have.
        options.Credential = AmigoCredential.FromBearerToken(jwt);
        Assert.That(options.Credential, Is.TypeOf<BearerTokenCredential>());

        // Your own async token source, asked before every request (and once more after a 401).
        options.Credential = AmigoCredential.FromTokenProvider(async cancellationToken => await tokens.GetTokenAsync(cancellationToken));
        Assert.That(options.Credential, Is.TypeOf<TokenProviderCredential>());

        // Basic: user name "{org_id}_{user_id}", password the JWT (here obtained by API-key sign-in).
        options.Credential = new BasicCredential(userId, AmigoCredential.FromApiKey(apiKey, apiKeyId, userId));
        Assert.That(options.Credential, Is.TypeOf<BasicCredential>());
    }

    [TestCase(HttpStatusCode.OK, """{"conversations":[],"has_more":false,"continuation_token":null}""", "0 conversations")]
    [TestCase(HttpStatusCode.UnprocessableEntity, """{"detail":[{"loc":["query","limit"],"msg":"too big","type":"x"}]}""", "query.limit: too big")]
    [TestCase(HttpStatusCode.TooManyRequests, """{"detail":"slow"}""", "Slow down: retry after 00:00:09")]
    [TestCase(HttpStatusCode.NotFound, """{"detail":"Organization not found."}""", "HTTP 404 from get-conversations: Organization not found.")]
    [TestCase((HttpStatusCode)0, "", "Could not reach Amigo")]
    public async Task Errors_Handling(HttpStatusCode status, string body, string expectedOutput)
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(jwt);
            o.Retry.MaxRetries = 0;
        });
        var route = host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/");
        if (status == 0)
        {
            route.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        }
        else
        {
            route.Respond(_ =>
            {
                var response = AmigoTestHost.Json(status, body);
                response.Headers.TryAddWithoutValidation("Retry-After", "9");
                return response;
            });
        }

        var client = host.Client;
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            try
            {
                await foreach (var page in client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = 10 }).AsPages())
                {
                    Console.WriteLine($"{page.Items.Count} conversations");
                    break;
                }
            }
            catch (AmigoValidationException e)
            {
                foreach (var field in e.FieldErrors)
                {
                    Console.WriteLine($"{string.Join('.', field.Location)}: {field.Message}");
                }
            }
            catch (AmigoRateLimitedException e)
            {
                Console.WriteLine($"Slow down: retry after {e.RetryAfter}, {e.RateLimit?.Remaining} left");
            }
            catch (AmigoApiException e)
            {
                Console.WriteLine($"HTTP {e.StatusCode} from {e.Operation}: {e.Detail} (request id {e.RequestId})");
            }
            catch (AmigoNetworkException e) when (e.RequestNeverSent)
            {
                Console.WriteLine($"Could not reach Amigo: {e.Message}");
            }
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.That(output.ToString(), Does.Contain(expectedOutput));
    }

    [Test]
    public async Task DependencyInjection_Registration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amigo:OrganizationId"] = "my-org",
            ["Amigo:ApiKey"] = apiKey,
            ["Amigo:ApiKeyId"] = apiKeyId,
            ["Amigo:UserId"] = userId,
            ["Amigo:Region"] = "EuCentral1",
            ["Amigo:RequestTimeout"] = "00:00:30",
            ["Amigo:Retry:MaxRetries"] = "5",
        }).Build();
        var services = new ServiceCollection();

        // appsettings.json: { "Amigo": { "OrganizationId": "my-org", "ApiKey": "...", "ApiKeyId": "...", "UserId": "...",
        //                                "Region": "EuCentral1", "RequestTimeout": "00:00:30", "Retry": { "MaxRetries": 5 } } }
        services.AddAmigoClient(configuration.GetSection("Amigo"))
            .AddHttpMessageHandler(() => new CorrelationIdHandler());

        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<AmigoClient>();
            Assert.That(client.BaseUrl, Is.EqualTo(new Uri("https://api-eu-central-1.amigo.ai/")));
            Assert.That(client.Context.Options.Retry.MaxRetries, Is.EqualTo(5));
        }

        services = new ServiceCollection();

        // Or in code:
        services.AddAmigoClient(options =>
        {
            options.OrganizationId = "my-org";
            options.Credential = AmigoCredential.FromBearerToken(jwt);
        });

        await using (var provider = services.BuildServiceProvider())
        {
            Assert.That(provider.GetRequiredService<AmigoClient>().OrganizationId, Is.EqualTo("my-org"));
        }
    }

    [Test]
    public async Task DependencyInjection_KeyedClients()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amigo:Eu:OrganizationId"] = "eu-org",
            ["Amigo:Eu:Region"] = "EuCentral1",
            ["Amigo:Eu:ApiKey"] = apiKey,
            ["Amigo:Eu:ApiKeyId"] = apiKeyId,
            ["Amigo:Eu:UserId"] = userId,
            ["Amigo:Us:OrganizationId"] = "us-org",
            ["Amigo:Us:ApiKey"] = apiKey,
            ["Amigo:Us:ApiKeyId"] = apiKeyId,
            ["Amigo:Us:UserId"] = userId,
        }).Build();
        var services = new ServiceCollection();

        // Several organizations: one keyed client each, with its own options, credential and token cache.
        services.AddAmigoClient("eu", configuration.GetSection("Amigo:Eu"));
        services.AddAmigoClient("us", configuration.GetSection("Amigo:Us"));

        await using var provider = services.BuildServiceProvider();
        // Injected with [FromKeyedServices("eu")] AmigoClient eu, or resolved:
        var eu = provider.GetRequiredKeyedService<AmigoClient>("eu");

        Assert.That(eu.OrganizationId, Is.EqualTo("eu-org"));
        Assert.That(eu.BaseUrl, Is.EqualTo(new Uri("https://api-eu-central-1.amigo.ai/")));
        Assert.That(provider.GetRequiredKeyedService<AmigoClient>("us").OrganizationId, Is.EqualTo("us-org"));
    }

    // The block's lines appear in order from its first line on; the test may add assertions between them.
    private static bool ContainsInOrder(List<string> source, int start, List<string> block)
    {
        if (source[start] != block[0])
        {
            return false;
        }

        var index = start + 1;
        foreach (var line in block.Skip(1))
        {
            index = source.IndexOf(line, index);
            if (index < 0 || index - start > block.Count * 4)
            {
                return false;
            }

            index++;
        }

        return true;
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docs", "facade.md")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("docs/facade.md was not found above the test directory.");
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private sealed class FixedTokens
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(jwt);
    }

    private sealed class CorrelationIdHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("x-correlation-id", Guid.NewGuid().ToString("N"));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
