using Amigo.Tests.Support;
using NUnit.Framework;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class OptionsTests
{
    private static readonly Dictionary<string, string?> CompleteEnvironment = new()
    {
        ["AMIGO_API_KEY"] = AmigoTestHost.ApiKey,
        ["AMIGO_API_KEY_ID"] = AmigoTestHost.ApiKeyId,
        ["AMIGO_USER_ID"] = AmigoTestHost.UserId,
        ["AMIGO_ORGANIZATION_ID"] = "acme",
    };

    private static AmigoClientOptions Valid(Action<AmigoClientOptions>? change = null)
    {
        var options = new AmigoClientOptions { OrganizationId = "acme", Credential = new BearerTokenCredential(AmigoTestHost.Jwt) };
        change?.Invoke(options);
        return options;
    }

    private static AmigoConfigurationException Construct(AmigoClientOptions options) =>
        Assert.Throws<AmigoConfigurationException>(() => new AmigoClient(options).Dispose())!;

    [Test]
    public void FromEnvironment_ReadsTheOfficialVariableNames()
    {
        var environment = new Dictionary<string, string?>(CompleteEnvironment) { ["AMIGO_BASE_URL"] = "https://api-eu-central-1.amigo.ai" };

        var options = AmigoClientOptions.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.That(options.ApiKey, Is.EqualTo(AmigoTestHost.ApiKey));
        Assert.That(options.ApiKeyId, Is.EqualTo(AmigoTestHost.ApiKeyId));
        Assert.That(options.UserId, Is.EqualTo(AmigoTestHost.UserId));
        Assert.That(options.OrganizationId, Is.EqualTo("acme"));
        Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://api-eu-central-1.amigo.ai")));
        using var client = new AmigoClient(options);
        Assert.That(client.OrganizationId, Is.EqualTo("acme"));
        Assert.That(client.BaseUrl, Is.EqualTo(new Uri("https://api-eu-central-1.amigo.ai/")));
    }

    [Test]
    public void FromEnvironment_WithTheProcessEnvironment_NamesTheFirstMissingVariable()
    {
        // Uses the real environment only to read; the test run does not set AMIGO_* variables.
        if (Environment.GetEnvironmentVariable("AMIGO_API_KEY") is not null)
        {
            Assert.Ignore("AMIGO_API_KEY is set in this environment.");
        }

        var error = Assert.Throws<AmigoConfigurationException>(() => AmigoClientOptions.FromEnvironment());

        Assert.That(error!.Setting, Is.EqualTo("AMIGO_API_KEY"));
    }

    [TestCase("AMIGO_API_KEY")]
    [TestCase("AMIGO_API_KEY_ID")]
    [TestCase("AMIGO_USER_ID")]
    [TestCase("AMIGO_ORGANIZATION_ID")]
    public void FromEnvironment_MissingVariable_FailsNamingIt(string missing)
    {
        var environment = new Dictionary<string, string?>(CompleteEnvironment) { [missing] = "  " };

        var error = Assert.Throws<AmigoConfigurationException>(() => AmigoClientOptions.FromEnvironment(name => environment.GetValueOrDefault(name)));

        Assert.That(error!.Setting, Is.EqualTo(missing));
        Assert.That(error.Message, Does.Contain(missing));
        Assert.That(error.Message, Does.Not.Contain(AmigoTestHost.ApiKey));
    }

    [TestCase("not a url")]
    [TestCase("http://api.amigo.ai")]
    [TestCase("ftp://api.amigo.ai")]
    public void FromEnvironment_InvalidBaseUrl_FailsNamingIt(string url)
    {
        var environment = new Dictionary<string, string?>(CompleteEnvironment) { ["AMIGO_BASE_URL"] = url };

        var error = Assert.Throws<AmigoConfigurationException>(() => AmigoClientOptions.FromEnvironment(name => environment.GetValueOrDefault(name)));

        Assert.That(error!.Setting, Is.EqualTo("AMIGO_BASE_URL"));
        Assert.That(error.Message, Does.Contain("AMIGO_BASE_URL"));
    }

    [TestCase(AmigoRegion.Default, "https://api.amigo.ai/")]
    [TestCase(AmigoRegion.EuCentral1, "https://api-eu-central-1.amigo.ai/")]
    [TestCase(AmigoRegion.ApSoutheast2, "https://api-ap-southeast-2.amigo.ai/")]
    [TestCase(AmigoRegion.CaCentral1, "https://api-ca-central-1.amigo.ai/")]
    [TestCase(AmigoRegion.Internal, "https://internal-api.amigo.ai/")]
    public void Regions_MapToTheSpecServers(AmigoRegion region, string expected)
    {
        using var client = new AmigoClient(Valid(o => o.Region = region));

        Assert.That(client.BaseUrl, Is.EqualTo(new Uri(expected)));
    }

    [Test]
    public void BaseUrl_OverridesRegion_AndGetsATrailingSlash()
    {
        using var client = new AmigoClient(Valid(o =>
        {
            o.Region = AmigoRegion.CaCentral1;
            o.BaseUrl = new Uri("https://proxy.example.com/amigo");
        }));

        Assert.That(client.BaseUrl, Is.EqualTo(new Uri("https://proxy.example.com/amigo/")));
    }

    [TestCase("http://api.amigo.ai")]
    [TestCase("http://10.0.0.5:8080")]
    [TestCase("http://localhost.evil.example")]
    public void PlainHttp_IsRefusedForNonLoopbackHosts(string url)
    {
        var error = Construct(Valid(o => o.BaseUrl = new Uri(url)));

        Assert.That(error.Setting, Is.EqualTo("BaseUrl"));
        Assert.That(error.Message, Does.Contain("http://").And.Contain("loopback"));
    }

    [TestCase("http://localhost:5000")]
    [TestCase("http://127.0.0.1:5000")]
    [TestCase("http://127.8.9.10")]
    [TestCase("http://[::1]:5000")]
    public void PlainHttp_IsAllowedForLoopback(string url)
    {
        using var client = new AmigoClient(Valid(o => o.BaseUrl = new Uri(url)));

        Assert.That(client.BaseUrl.Scheme, Is.EqualTo("http"));
    }

    [Test]
    public void MissingOrganization_FailsAtConstructionNamingIt()
    {
        var error = Construct(Valid(o => o.OrganizationId = null));

        Assert.That(error.Setting, Is.EqualTo("OrganizationId"));
        Assert.That(error.Message, Does.Contain("OrganizationId").And.Contain("AMIGO_ORGANIZATION_ID"));
    }

    [Test]
    public void OrganizationWithASlash_IsRefused()
    {
        Assert.That(Construct(Valid(o => o.OrganizationId = "a/b")).Setting, Is.EqualTo("OrganizationId"));
    }

    [Test]
    public void MissingCredentials_FailNamingTheSettings()
    {
        var error = Construct(Valid(o => o.Credential = null));

        Assert.That(error.Setting, Is.EqualTo("Credential"));
        Assert.That(error.Message, Does.Contain("ApiKey").And.Contain("AMIGO_API_KEY"));
    }

    [Test]
    public void PartialApiKeySettings_FailNamingTheMissingOne()
    {
        var error = Construct(Valid(o =>
        {
            o.Credential = null;
            o.ApiKey = AmigoTestHost.ApiKey;
            o.UserId = AmigoTestHost.UserId;
        }));

        Assert.That(error.Setting, Is.EqualTo("AmigoClientOptions.ApiKeyId"));
        Assert.That(error.Message, Does.Not.Contain(AmigoTestHost.ApiKey));
    }

    [TestCase("RequestTimeout")]
    [TestCase("StreamIdleTimeout")]
    public void NonPositiveTimeouts_AreRefused(string setting)
    {
        var error = Construct(Valid(o =>
        {
            if (setting == "RequestTimeout")
            {
                o.RequestTimeout = TimeSpan.Zero;
            }
            else
            {
                o.StreamIdleTimeout = TimeSpan.FromSeconds(-1);
            }
        }));

        Assert.That(error.Setting, Is.EqualTo(setting));
    }

    [Test]
    public void InfiniteTimeouts_AreAllowed()
    {
        using var client = new AmigoClient(Valid(o =>
        {
            o.RequestTimeout = Timeout.InfiniteTimeSpan;
            o.StreamIdleTimeout = Timeout.InfiniteTimeSpan;
        }));

        Assert.That(client.StreamIdleTimeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
    }

    [Test]
    public void InvalidRetrySettings_AreRefusedNamingThem()
    {
        Assert.That(Construct(Valid(o => o.Retry.MaxRetries = 11)).Setting, Is.EqualTo("Retry.MaxRetries"));
        Assert.That(Construct(Valid(o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1))).Setting, Is.EqualTo("Retry.BaseDelay"));
        Assert.That(Construct(Valid(o => o.Retry.MaxDelay = TimeSpan.FromMilliseconds(1))).Setting, Is.EqualTo("Retry.MaxDelay"));
        Assert.That(Construct(Valid(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(-1))).Setting, Is.EqualTo("Retry.MaxRetryAfter"));
    }

    [Test]
    public void TheClientSnapshotsItsOptions()
    {
        var options = Valid();
        using var client = new AmigoClient(options);

        options.OrganizationId = "other";
        options.StreamIdleTimeout = TimeSpan.FromSeconds(1);

        Assert.That(client.OrganizationId, Is.EqualTo("acme"));
        Assert.That(client.StreamIdleTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(client.Conversations.OrganizationId, Is.EqualTo("acme"));
    }

    [Test]
    public void ResourceGroups_ShareTheClientsPipeline()
    {
        using var client = new AmigoClient(Valid());

        var groups = new AmigoResource[]
        {
            client.Admin, client.Conversations, client.DynamicBehaviorSets, client.Metrics, client.Organizations, client.Roles,
            client.Services, client.Simulations, client.Tools, client.Users, client.WebhookDestinations,
        };
        Assert.That(groups.Select(g => g.Context.HttpClient), Has.All.SameAs(client.Context.HttpClient));
        Assert.That(groups.Select(g => g.OrganizationId), Has.All.EqualTo("acme"));
        Assert.That(client.Conversations, Is.SameAs(client.Conversations), "one group instance per client");
    }
}
