using System.Net;
using Amigo.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Hardening;

/// <summary>Issue 10, item 1: credentials never follow a redirect out of the configured origin.</summary>
[TestFixture]
public sealed class RedirectTests
{
    private static HostileServer? _elsewhere;

    [OneTimeSetUp]
    public async Task StartTheOtherOrigin() => _elsewhere = await HostileServer.StartAsync(context =>
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    });

    [OneTimeTearDown]
    public async Task StopTheOtherOrigin() => await _elsewhere!.DisposeAsync();

    /// <summary>An API whose every answer (sign-in included) is a redirect.</summary>
    private static Task<HostileServer> RedirectingApiAsync(int status, string location) => HostileServer.StartAsync(context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    private static Task ListConversationsAsync(AmigoClient client) =>
        client.Conversations.GetConversationsAsync().AsPages().GetAsyncEnumerator().MoveNextAsync().AsTask();

    [TestCase(302)]
    [TestCase(307)]
    public async Task A_sign_in_redirect_to_another_origin_is_a_typed_error_and_the_key_never_reaches_it(int status)
    {
        var before = _elsewhere!.Requests.Count;
        await using var api = await RedirectingApiAsync(status, new Uri(_elsewhere.BaseAddress, "steal").ToString());
        using var client = api.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(() => ListConversationsAsync(client));

        Assert.That(error, Is.TypeOf<AmigoRedirectException>());
        var redirect = (AmigoRedirectException)error!;
        Assert.That(redirect.StatusCode, Is.EqualTo(status));
        Assert.That(redirect.TargetOrigin, Is.EqualTo(_elsewhere.Origin));
        Assert.That(redirect.Operation, Is.EqualTo("sign-in-with-api-key"));
        Assert.That(redirect.Message, Does.Contain(status.ToString()).And.Contain(_elsewhere.Origin).And.Not.Contain("steal"));
        Assert.That(_elsewhere.Requests.Count, Is.EqualTo(before), "nothing reaches the other origin");
    }

    [Test]
    public async Task A_sign_in_redirect_is_refused_even_within_the_origin()
    {
        await using var api = await RedirectingApiAsync(307, "/v1/acme/user/elsewhere");
        using var client = api.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(() => ListConversationsAsync(client));

        Assert.That(error, Is.TypeOf<AmigoRedirectException>());
        Assert.That(api.Requests, Has.Count.EqualTo(1), "the redirect is not followed");
    }

    [Test]
    public async Task A_sign_in_redirect_to_plain_http_on_another_host_is_refused_without_connecting()
    {
        await using var api = await RedirectingApiAsync(307, "http://attacker.invalid/collect");
        using var client = api.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(() => ListConversationsAsync(client));

        Assert.That(error, Is.TypeOf<AmigoRedirectException>());
        Assert.That(((AmigoRedirectException)error!).TargetOrigin, Is.EqualTo("http://attacker.invalid"));
    }

    [TestCase("elsewhere")]
    [TestCase("localhost")]
    public async Task An_ordinary_call_redirected_out_of_the_origin_is_refused_and_nothing_follows_it(string target)
    {
        var before = _elsewhere!.Requests.Count;
        await using var api = await HostileServer.StartAsync(async context =>
        {
            if (HostileServer.IsSignIn(context))
            {
                await HostileServer.SignInAsync(context);
                return;
            }

            // Another port, or the same port under another name: both are other origins.
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = target == "localhost"
                ? $"http://localhost:{context.Request.Host.Port}/v1/acme/conversation/"
                : new Uri(_elsewhere.BaseAddress, "v1/acme/conversation/").ToString();
        });
        using var client = api.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(() => ListConversationsAsync(client));

        Assert.That(error, Is.TypeOf<AmigoRedirectException>());
        Assert.That(((AmigoRedirectException)error!).Operation, Is.EqualTo("get-conversations"));
        Assert.That(_elsewhere.Requests.Count, Is.EqualTo(before));
        Assert.That(api.Requests.Count(r => r.Path.EndsWith("/conversation/", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task An_ordinary_call_follows_a_redirect_within_the_origin_with_its_credentials()
    {
        await using var api = await HostileServer.StartAsync(async context =>
        {
            if (HostileServer.IsSignIn(context))
            {
                await HostileServer.SignInAsync(context);
            }
            else if (context.Request.Path.Value!.EndsWith("/conversation/", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = "/v1/acme/conversation/moved";
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"conversations":[],"has_more":false,"continuation_token":null}""");
            }
        });
        using var client = api.CreateClient();

        await ListConversationsAsync(client);

        var moved = api.Requests.Single(r => r.Path.EndsWith("/moved", StringComparison.Ordinal));
        Assert.That(moved.Headers["Authorization"], Does.StartWith("Bearer "));
    }

    [Test]
    public void A_redirect_from_https_to_http_on_the_same_host_is_refused()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn();
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/conversation/").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.MovedPermanently);
            response.Headers.Location = new Uri("http://api.test.amigo.ai/v1/acme/conversation/");
            return response;
        });

        var error = Assert.ThrowsAsync<AmigoRedirectException>(() => host.GetConversationsAsync());

        Assert.That(error!.TargetOrigin, Is.EqualTo("http://api.test.amigo.ai"));
    }

    [Test]
    public void A_transport_that_follows_redirects_itself_is_refused()
    {
        var options = new AmigoClientOptions { OrganizationId = "acme", Credential = AmigoCredential.FromBearerToken("token") };

        var error = Assert.Throws<AmigoConfigurationException>(() => new AmigoClient(options, new HttpClientHandler()));

        Assert.That(error!.Setting, Is.EqualTo("Transport"));
        Assert.That(error.Message, Does.Contain("AllowAutoRedirect = false"));
        Assert.DoesNotThrow(() => new AmigoClient(options, new SocketsHttpHandler { AllowAutoRedirect = false }).Dispose());
    }

    [Test]
    public async Task A_primary_handler_that_follows_redirects_is_refused_under_dependency_injection_too()
    {
        var services = new ServiceCollection();
        services.AddAmigoClient(o =>
        {
            o.OrganizationId = "acme";
            o.BaseUrl = _elsewhere!.BaseAddress;
            o.Credential = AmigoCredential.FromBearerToken("token");
        }).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AmigoClient>();
        var before = _elsewhere!.Requests.Count;

        var error = Assert.CatchAsync(() => client.Conversations.FinishConversationAsync("65f1c0ffee0123456789abcd"));

        Assert.That(error, Is.TypeOf<AmigoConfigurationException>());
        Assert.That(_elsewhere!.Requests.Count, Is.EqualTo(before), "nothing was sent");
    }
}
