using System.Collections.Concurrent;
using Amigo.Emulator;
using Amigo.Generated;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Amigo.EndToEnd.Tests;

/// <summary>Two organizations in one host: keyed clients, each with its own options, credential and JWT cache.</summary>
public class KeyedClientTests
{
    /// <summary>A service of the app that works in both organizations.</summary>
    private sealed class TwoRegions([FromKeyedServices("us")] AmigoClient us, [FromKeyedServices("eu")] AmigoClient eu)
    {
        public AmigoClient Us { get; } = us;

        public AmigoClient Eu { get; } = eu;
    }

    /// <summary>Records the Authorization header each request leaves with (it runs below the SDK's handlers).</summary>
    private sealed class AuthorizationRecorder(ConcurrentBag<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { } authorization)
            {
                seen.Add(authorization.ToString());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Test]
    public async Task Two_keyed_clients_for_two_organizations_run_side_by_side_with_separate_tokens()
    {
        var euOptions = new AmigoEmulatorOptions { OrganizationId = "org-eu" };
        euOptions.ApiKeys.Clear();
        euOptions.ApiKeys.Add(new EmulatorApiKey("eu-key-id", "eu-api-key"));
        await using var usEmulator = await AmigoEmulator.StartAsync(new AmigoEmulatorOptions { OrganizationId = "org-us" });
        await using var euEmulator = await AmigoEmulator.StartAsync(euOptions);
        ConcurrentBag<string> usTokens = [], euTokens = [];

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAmigoClient("us", o =>
        {
            o.OrganizationId = usEmulator.OrganizationId;
            o.BaseUrl = usEmulator.BaseUrl;
            o.Credential = AmigoCredential.FromApiKey(AmigoEmulatorOptions.DemoApiKey, AmigoEmulatorOptions.DemoApiKeyId, AmigoEmulatorOptions.DemoUserId);
            o.ApplicationId = "two-regions/1.0";
        }).AddHttpMessageHandler(() => new AuthorizationRecorder(usTokens));
        builder.Services.AddAmigoClient("eu", o =>
        {
            o.OrganizationId = euEmulator.OrganizationId;
            o.BaseUrl = euEmulator.BaseUrl;
            o.Credential = AmigoCredential.FromApiKey("eu-api-key", "eu-key-id", AmigoEmulatorOptions.DemoUserId);
        }).AddHttpMessageHandler(() => new AuthorizationRecorder(euTokens));
        builder.Services.AddSingleton<TwoRegions>();
        using var host = builder.Build();
        await host.StartAsync();

        var app = host.Services.GetRequiredService<TwoRegions>();
        Assert.That(host.Services.GetRequiredKeyedService<AmigoClient>("eu").OrganizationId, Is.EqualTo("org-eu"));
        Assert.That(app.Us.OrganizationId, Is.EqualTo("org-us"));
        Assert.That(app.Eu.OrganizationId, Is.EqualTo("org-eu"));

        async Task<string> UseAsync(AmigoClient client)
        {
            var created = await client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync();
            var listed = new List<ConversationInstance>();
            await foreach (var conversation in client.Conversations.GetConversationsAsync())
            {
                listed.Add(conversation);
            }

            Assert.That(listed.Select(c => c.Id), Does.Contain(created.ConversationId), client.OrganizationId);
            await client.Conversations.FinishConversationAsync(created.ConversationId!);
            return created.ConversationId!;
        }

        // The two organizations side by side; each does two conversations one after the other (one unfinished at a time).
        async Task<string[]> TwiceAsync(AmigoClient client) => [await UseAsync(client), await UseAsync(client)];
        var ids = (await Task.WhenAll(TwiceAsync(app.Us), TwiceAsync(app.Eu))).SelectMany(i => i).ToArray();
        await host.StopAsync();

        Assert.That(ids, Is.Unique.And.Length.EqualTo(4));
        foreach (var (emulator, organization) in new[] { (usEmulator, "org-us"), (euEmulator, "org-eu") })
        {
            var requests = emulator.Requests;
            Assert.That(requests.Count(r => r.Operation == "sign-in-with-api-key"), Is.EqualTo(1), $"{organization}: one sign-in, then the cached JWT");
            Assert.That(requests.Select(r => r.Path), Has.All.StartWith($"/v1/{organization}/"));
            Assert.That(requests.Select(r => r.Headers.GetValueOrDefault("User-Agent")), Has.All.Contains("amigo-dotnet/"), "every request, sign-in included");
        }

        Assert.That(usEmulator.Requests.Select(r => r.Headers["User-Agent"]), Has.All.StartWith("two-regions/1.0 amigo-dotnet/"));
        Assert.That(euEmulator.Requests.Select(r => r.Headers["User-Agent"]), Has.All.StartWith("amigo-dotnet/"));
        Assert.That(usTokens.Distinct().Count(), Is.EqualTo(1), "the us client reuses its own token");
        Assert.That(euTokens.Distinct().Count(), Is.EqualTo(1), "the eu client reuses its own token");
        Assert.That(usTokens.First(), Is.Not.EqualTo(euTokens.First()));
    }
}
