using System.Net;
using Amigo.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class DependencyInjectionTests
{
    private static IConfiguration Configuration(Dictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Amigo:OrganizationId"] = "acme",
            ["Amigo:BaseUrl"] = AmigoTestHost.BaseUrl,
            ["Amigo:ApiKey"] = AmigoTestHost.ApiKey,
            ["Amigo:ApiKeyId"] = AmigoTestHost.ApiKeyId,
            ["Amigo:UserId"] = AmigoTestHost.UserId,
            ["Amigo:RequestTimeout"] = "00:00:20",
            ["Amigo:StreamIdleTimeout"] = "00:05:00",
            ["Amigo:TokenOrganizationId"] = "issuer",
            ["Amigo:Retry:MaxRetries"] = "1",
            ["Amigo:ClientSideRateLimiting"] = "true",
        };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    [Test]
    public async Task AddAmigoClient_BindsConfiguration_AndResolvesAWorkingClient()
    {
        using var mock = new MockHttpMessageHandler(BackendDefinitionBehavior.Always);
        mock.When(HttpMethod.Post, AmigoTestHost.SignInUrl)
            .Respond("application/json", $$"""{"id_token":"{{AmigoTestHost.Jwt}}","expires_at":"2099-01-01T00:00:00Z"}""");
        mock.Expect(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/abc/messages/")
            .WithHeaders("Authorization", "Bearer " + AmigoTestHost.Jwt)
            .WithHeaders("X-ORG-ID", "issuer")
            .Respond("application/json", """{"messages":[],"has_more":false,"continuation_token":null}""");
        var services = new ServiceCollection();
        services.AddAmigoClient(Configuration().GetSection("Amigo")).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<AmigoClient>();
        var messages = await client.Conversations.Client.GetConversationMessagesAsync(client.OrganizationId, "abc");

        Assert.That(client.OrganizationId, Is.EqualTo("acme"));
        Assert.That(client.BaseUrl, Is.EqualTo(new Uri(AmigoTestHost.BaseUrl)));
        Assert.That(client.StreamIdleTimeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
        var options = client.Context.Options;
        Assert.That(options.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(options.Retry.MaxRetries, Is.EqualTo(1));
        Assert.That(options.ClientSideRateLimiting, Is.True);
        Assert.That(messages.HasMore, Is.False);
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void AddAmigoClient_BindsTheRegion()
    {
        var services = new ServiceCollection();
        services.AddAmigoClient(Configuration(new() { ["Amigo:BaseUrl"] = null, ["Amigo:Region"] = "ApSoutheast2" }).GetSection("Amigo"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<AmigoClient>().BaseUrl, Is.EqualTo(new Uri("https://api-ap-southeast-2.amigo.ai/")));
    }

    [Test]
    public async Task AddAmigoClient_WithADelegate_ReturnsTheHttpClientBuilderForExtraHandlers()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/abc/messages/")
            .Respond("application/json", """{"messages":[],"has_more":false,"continuation_token":null}""");
        var seen = new List<string?>();
        var services = new ServiceCollection();

        IHttpClientBuilder builder = services.AddAmigoClient(o =>
        {
            o.OrganizationId = "acme";
            o.BaseUrl = new Uri(AmigoTestHost.BaseUrl);
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
        });
        builder.AddHttpMessageHandler(() => new RecordingHandler(seen)).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AmigoClient>();
        await client.Conversations.Client.GetConversationMessagesAsync(client.OrganizationId, "abc");

        Assert.That(builder.Name, Is.EqualTo(AmigoServiceCollectionExtensions.HttpClientName));
        Assert.That(seen, Is.EqualTo(new[] { "Bearer " + AmigoTestHost.Jwt }), "the user's handler runs inside the SDK pipeline, after authentication");
    }

    [Test]
    public void InvalidConfiguration_FailsWhenTheClientIsResolved_NamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddAmigoClient(Configuration(new() { ["Amigo:OrganizationId"] = null }).GetSection("Amigo"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<AmigoConfigurationException>(() => provider.GetRequiredService<AmigoClient>());

        Assert.That(error!.Setting, Is.EqualTo("OrganizationId"));
    }

    [Test]
    public void PlainHttpFromConfiguration_IsRefused()
    {
        var services = new ServiceCollection();
        services.AddAmigoClient(Configuration(new() { ["Amigo:BaseUrl"] = "http://api.amigo.ai" }).GetSection("Amigo"));
        using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<AmigoClient>(), Throws.InstanceOf<AmigoConfigurationException>().With.Message.Contains("http://"));
    }

    [Test]
    public async Task TheJwtCache_SurvivesHandlerRecycling()
    {
        using var mock = new MockHttpMessageHandler(BackendDefinitionBehavior.Always);
        var signIn = mock.When(HttpMethod.Post, AmigoTestHost.SignInUrl)
            .Respond("application/json", $$"""{"id_token":"{{AmigoTestHost.Jwt}}","expires_at":"2099-01-01T00:00:00Z"}""");
        var calls = mock.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/conversation/abc/finish/").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddAmigoClient(Configuration().GetSection("Amigo")).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<AmigoClientRuntime>();

        // Build two handler chains the way IHttpClientFactory does when it recycles the active one.
        var chains = new[] { BuildChain(provider), BuildChain(provider) };
        foreach (var chain in chains)
        {
            using var httpClient = new HttpClient(chain, disposeHandler: false);
            runtime.ConfigureHttpClient(httpClient);
            await new AmigoClient(httpClient, runtime).Conversations.Client.FinishConversationAsync("abc", "acme");
        }

        Assert.That(FindAuthenticationHandler(chains[0]), Is.Not.SameAs(FindAuthenticationHandler(chains[1])), "the chains are distinct");
        Assert.That(mock.GetMatchCount(calls), Is.EqualTo(2));
        Assert.That(mock.GetMatchCount(signIn), Is.EqualTo(1), "the second chain reuses the cached JWT");
    }

    [Test]
    public void RegisteringTheDefaultClientTwice_IsRefused_PointingToKeyedClients()
    {
        var services = new ServiceCollection();
        services.AddAmigoClient(Configuration().GetSection("Amigo"));

        var error = Assert.Throws<InvalidOperationException>(() => services.AddAmigoClient(o => o.TokenOrganizationId = "second"));

        Assert.That(error!.Message, Does.Contain("AddAmigoClient was already called").And.Contain("[FromKeyedServices(\"eu\")]"));
        Assert.Throws<InvalidOperationException>(() => services.AddAmigoClient(Configuration().GetSection("Amigo")));
    }

    [Test]
    public void RegisteringAKeyTwice_IsRefused_ButOtherKeysAndTheDefaultAreNot()
    {
        var services = new ServiceCollection();
        services.AddAmigoClient("eu", Configuration().GetSection("Amigo"));
        services.AddAmigoClient("us", Configuration().GetSection("Amigo"));
        services.AddAmigoClient(Configuration().GetSection("Amigo"));

        var error = Assert.Throws<InvalidOperationException>(() => services.AddAmigoClient("eu", o => o.OrganizationId = "other"));

        Assert.That(error!.Message, Does.Contain("AddAmigoClient(\"eu\", ...) was already called"));
    }

    [Test]
    public async Task KeyedClients_HaveTheirOwnOptionsRuntimeAndPipeline()
    {
        using var mock = new MockHttpMessageHandler(BackendDefinitionBehavior.Always);
        mock.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/eu-org/conversation/abc/finish/").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddAmigoClient(Configuration().GetSection("Amigo"));
        services.AddAmigoClient("eu", Configuration(new() { ["Amigo:OrganizationId"] = "eu-org" }).GetSection("Amigo"), o =>
        {
            o.Credential = AmigoCredential.FromBearerToken("eu-token");
            o.TokenOrganizationId = null;
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddAmigoClient("us", o =>
        {
            o.OrganizationId = "us-org";
            o.BaseUrl = new Uri(AmigoTestHost.BaseUrl);
            o.Credential = AmigoCredential.FromBearerToken("us-token");
            o.Retry.MaxRetries = 7;
        });
        await using var provider = services.BuildServiceProvider();

        var eu = provider.GetRequiredKeyedService<AmigoClient>("eu");
        var us = provider.GetRequiredKeyedService<AmigoClient>("us");
        var unkeyed = provider.GetRequiredService<AmigoClient>();

        Assert.That((unkeyed.OrganizationId, eu.OrganizationId, us.OrganizationId), Is.EqualTo(("acme", "eu-org", "us-org")));
        Assert.That(us.Context.Options.Retry.MaxRetries, Is.EqualTo(7));
        Assert.That(eu.Context.Options.Retry.MaxRetries, Is.EqualTo(1));
        Assert.That(new[] { unkeyed.Context.Runtime, eu.Context.Runtime, us.Context.Runtime }, Is.Unique);
        Assert.That(provider.GetRequiredKeyedService<AmigoClient>("eu").Context.Runtime, Is.SameAs(eu.Context.Runtime), "one runtime (and token cache) per key");
        Assert.That(provider.GetKeyedService<AmigoClient>("asia"), Is.Null);

        HttpRequestMessage? sent = null;
        mock.Fallback.Respond(request =>
        {
            sent = request;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        await eu.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd");
        Assert.That(sent!.Headers.Authorization!.ToString(), Is.EqualTo("Bearer eu-token"));
        Assert.That(sent.RequestUri!.AbsolutePath, Does.StartWith("/v1/eu-org/"));
    }

    [Test]
    public void KeyedClientWithInvalidOptions_FailsWhenResolved_NamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddAmigoClient("eu", Configuration(new() { ["Amigo:ApplicationId"] = "has spaces" }).GetSection("Amigo"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<AmigoConfigurationException>(() => provider.GetRequiredKeyedService<AmigoClient>("eu"));

        Assert.That(error!.Setting, Is.EqualTo("ApplicationId"));
        Assert.That(error.Message, Does.Contain("'eu'"));
    }

    [TestCase(null)]
    [TestCase("eu")]
    public void HostWithInvalidConfiguration_FailsAtStart_NamingTheSetting(string? key)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var section = Configuration(new() { ["Amigo:OrganizationId"] = null }).GetSection("Amigo");
        if (key is null)
        {
            builder.Services.AddAmigoClient(section);
        }
        else
        {
            builder.Services.AddAmigoClient(key, section);
        }

        using var host = builder.Build();

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Message, Does.Contain("setting 'OrganizationId'").And.Contain("AmigoClientOptions.OrganizationId is required"));
        Assert.That(error.Message, Does.Contain(key is null ? "The default AmigoClient" : "The AmigoClient 'eu'"));
        Assert.That(error.OptionsName, Is.EqualTo(key ?? Options.DefaultName));
    }

    [Test]
    public async Task HostWithValidConfiguration_Starts()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddAmigoClient(Configuration().GetSection("Amigo"));
        builder.Services.AddAmigoClient("eu", Configuration().GetSection("Amigo"));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    [Test]
    public async Task TheLoggerFactoryFromTheContainer_IsUsedWhenOptionsHaveNone()
    {
        var capture = new LogCapture();
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/conversation/abc/finish/").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(capture);
        services.AddAmigoClient(o =>
        {
            o.OrganizationId = "acme";
            o.BaseUrl = new Uri(AmigoTestHost.BaseUrl);
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<AmigoClient>().Conversations.Client.FinishConversationAsync("abc", "acme");

        Assert.That(capture.Entries.Any(e => e.Category == "Amigo" && e.Message.Contains("finish-conversation")), Is.True);
    }

    private static HttpMessageHandler BuildChain(IServiceProvider provider)
    {
        var factoryOptions = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(AmigoServiceCollectionExtensions.HttpClientName);
        var builder = provider.GetRequiredService<HttpMessageHandlerBuilder>();
        builder.Name = AmigoServiceCollectionExtensions.HttpClientName;
        foreach (var action in factoryOptions.HttpMessageHandlerBuilderActions)
        {
            action(builder);
        }

        return builder.Build();
    }

    private static AuthenticationHandler? FindAuthenticationHandler(HttpMessageHandler handler)
    {
        for (var current = handler as DelegatingHandler; current is not null; current = current.InnerHandler as DelegatingHandler)
        {
            if (current is AuthenticationHandler authentication)
            {
                return authentication;
            }
        }

        return null;
    }

    private sealed class RecordingHandler(List<string?> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Headers.Authorization?.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
