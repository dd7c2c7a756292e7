using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Amigo.Tests.Support;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class UserAgentTests
{
    private static readonly Regex SdkProduct = new(@"^amigo-dotnet/[0-9A-Za-z.\-]+ \([^()]+; [^()]+; [a-z0-9]+\)$");

    [Test]
    public async Task EveryRequest_SignInIncluded_CarriesVersionRuntimeOsAndArchitecture()
    {
        using var host = new AmigoTestHost();
        var agents = new ConcurrentQueue<(string Path, string? Agent)>();
        host.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl).Respond(request =>
        {
            agents.Enqueue((request.RequestUri!.AbsolutePath, UserAgentOf(request)));
            return AmigoTestHost.Json(HttpStatusCode.OK, $$"""{"id_token":"{{AmigoTestHost.Jwt}}","expires_at":"{{host.Clock.Now.AddHours(1):O}}"}""");
        });
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/").Respond(request =>
        {
            agents.Enqueue((request.RequestUri!.AbsolutePath, UserAgentOf(request)));
            return AmigoTestHost.Json(HttpStatusCode.OK, """{"conversations":[],"has_more":false,"continuation_token":null}""");
        });

        await foreach (var _ in host.Client.Conversations.GetConversationsAsync())
        {
        }

        Assert.That(agents.Select(a => a.Path), Is.EqualTo(new[] { "/v1/acme/user/signin_with_api_key", "/v1/acme/conversation/" }));
        foreach (var (path, agent) in agents)
        {
            Assert.That(agent, Does.Match(SdkProduct), path);
            Assert.That(agent, Does.Contain(RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()), path);
            Assert.That(agent, Does.Contain(RuntimeInformation.FrameworkDescription), path);
        }
    }

    [Test]
    public async Task ApplicationId_ComesFirst_OnSignInAndCalls()
    {
        using var host = new AmigoTestHost(o => o.ApplicationId = "checkout/2.1");
        var agents = new ConcurrentQueue<string?>();
        host.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl).Respond(request =>
        {
            agents.Enqueue(UserAgentOf(request));
            return AmigoTestHost.Json(HttpStatusCode.OK, $$"""{"id_token":"{{AmigoTestHost.Jwt}}","expires_at":"{{host.Clock.Now.AddHours(1):O}}"}""");
        });
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/").Respond(request =>
        {
            agents.Enqueue(UserAgentOf(request));
            return AmigoTestHost.Json(HttpStatusCode.OK, "{}");
        });

        using var response = await host.GetConversationsAsync();

        Assert.That(agents, Has.Count.EqualTo(2));
        Assert.That(agents, Has.All.StartsWith("checkout/2.1 amigo-dotnet/"));
        Assert.That(agents.Select(a => a!["checkout/2.1 ".Length..]), Has.All.Match(SdkProduct));
    }

    [TestCase("my app")]
    [TestCase("app/1/2")]
    [TestCase("app(1)")]
    [TestCase("")]
    [TestCase("caf\u00e9")]
    [TestCase("a\r\nX-Injected: 1")]
    public void ApplicationId_ThatIsNotAProductToken_IsRefusedNamingTheSetting(string applicationId)
    {
        var options = new AmigoTestHost(o => o.ApplicationId = applicationId).Options;

        var error = Assert.Throws<AmigoConfigurationException>(() => new AmigoClient(options, new MockHttpMessageHandler()));

        Assert.That(error!.Setting, Is.EqualTo(nameof(AmigoClientOptions.ApplicationId)));
    }

    [Test]
    public void Comment_OfAHostileOsDescription_StaysOneWellFormedComment()
    {
        var agent = AmigoUserAgent.Build("1.2.3-beta.1", ".NET 10.0.0", "Linux (custom) \\ kernel; \r\n evil", Architecture.Arm64);

        Assert.That(agent, Is.EqualTo("amigo-dotnet/1.2.3-beta.1 (.NET 10.0.0; Linux custom kernel evil; arm64)"));
    }

    private static string? UserAgentOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("User-Agent", out var values) ? string.Join(" ", values) : null;
}
