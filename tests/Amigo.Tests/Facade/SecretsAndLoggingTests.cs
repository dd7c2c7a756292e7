using System.Net;
using System.Text;
using Amigo.Tests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class SecretsAndLoggingTests
{
    private const string ConversationsUrl = AmigoTestHost.BaseUrl + "v1/acme/conversation/";
    private static readonly string BasicPassword = Convert.ToBase64String(Encoding.UTF8.GetBytes($"acme_{AmigoTestHost.UserId}:{AmigoTestHost.Jwt}"));
    private static readonly string[] Secrets = [AmigoTestHost.ApiKey, AmigoTestHost.Jwt, "SECRET", BasicPassword];

    private static void AssertNoSecrets(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            foreach (var secret in Secrets)
            {
                Assert.That(text, Does.Not.Contain(secret), "a secret leaked into: " + text);
            }
        }
    }

    [Test]
    public async Task NoSecretAppearsInAnyExceptionOrLogLine_AcrossFailureScenarios()
    {
        var texts = new List<string>();
        var logs = new List<LogCapture>();

        async Task Scenario(Action<AmigoTestHost> arrange, Func<AmigoTestHost, Task> act, Action<AmigoClientOptions>? configure = null)
        {
            using var host = new AmigoTestHost(o =>
            {
                o.RequestTimeout = TimeSpan.FromSeconds(30);
                configure?.Invoke(o);
            });
            arrange(host);
            try
            {
                await act(host);
            }
            catch (Exception ex)
            {
                Assert.That(ex, Is.InstanceOf<AmigoException>().Or.InstanceOf<OperationCanceledException>());
                texts.Add(ex.ToString());
                texts.Add(ex.Message);
                if (ex is AmigoApiException api)
                {
                    texts.AddRange(api.Headers.SelectMany(h => h.Value.Select(v => h.Key + ": " + v)));
                    texts.Add(api.Details.Body ?? string.Empty);
                }
            }

            texts.Add(host.Client.ToString());
            texts.Add(host.Options.ToString());
            logs.Add(host.Logs);
        }

        // Success, with sign-in and a retry.
        await Scenario(h =>
        {
            h.RespondToSignIn();
            h.Http.When(HttpMethod.Get, ConversationsUrl).Respond(new ResponseSequence(ResponseSequence.Status(503), ResponseSequence.Status(200)));
        }, h => h.GetConversationsAsync());

        // 401 refresh and replay, then a second 401.
        await Scenario(h =>
        {
            h.RespondToSignIn();
            h.Http.When(HttpMethod.Get, ConversationsUrl).Respond(HttpStatusCode.Unauthorized, "application/json", """{"detail":"bad token"}""");
        }, h => h.GetConversationsAsync());

        // Sign-in rejected with a body that echoes the key (as a FastAPI 422 echoes its input).
        await Scenario(h => h.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl).Respond(HttpStatusCode.UnprocessableEntity, "application/json",
            $$"""{"detail":[{"loc":["header","x-api-key"],"msg":"bad key","type":"value_error","input":"{{AmigoTestHost.ApiKey}}"}]}"""),
            h => h.GetConversationsAsync());

        // Sign-in answer without expires_at, carrying the token.
        await Scenario(h => h.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl).Respond("application/json", $$"""{"id_token":"{{AmigoTestHost.Jwt}}"}"""),
            h => h.GetConversationsAsync());

        // Sign-in answer that is not JSON at all, carrying the token.
        await Scenario(h => h.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl).Respond("application/json", $"token={AmigoTestHost.Jwt}"),
            h => h.GetConversationsAsync());

        // Network failure, and an attempt timeout.
        await Scenario(h =>
        {
            h.RespondToSignIn();
            h.Http.When(HttpMethod.Get, ConversationsUrl).Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset"));
        }, h => h.GetConversationsAsync(), o => o.Retry.MaxRetries = 1);
        await Scenario(h =>
        {
            h.RespondToSignIn();
            h.Http.When(HttpMethod.Get, ConversationsUrl).Respond(new HangingHandler());
        }, h => h.GetConversationsAsync(), o =>
        {
            o.Retry.MaxRetries = 0;
            o.RequestTimeout = TimeSpan.FromMilliseconds(50);
        });

        // Basic auth over an API key, rejected.
        await Scenario(h =>
        {
            h.RespondToSignIn();
            h.Http.When(HttpMethod.Get, ConversationsUrl).Respond(HttpStatusCode.Forbidden);
        }, h => h.GetConversationsAsync(), o => o.Credential = new BasicCredential(AmigoTestHost.UserId, new AmigoApiKeyCredential(AmigoTestHost.ApiKey, AmigoTestHost.ApiKeyId, AmigoTestHost.UserId)));

        // Configuration errors with secrets set.
        try
        {
            _ = new AmigoClient(new AmigoClientOptions { ApiKey = AmigoTestHost.ApiKey, ApiKeyId = "k", OrganizationId = "acme" });
        }
        catch (AmigoConfigurationException ex)
        {
            texts.Add(ex.ToString());
        }

        texts.Add(new AmigoApiKeyCredential(AmigoTestHost.ApiKey, AmigoTestHost.ApiKeyId, AmigoTestHost.UserId).ToString());
        texts.Add(new BearerTokenCredential(AmigoTestHost.Jwt).ToString());
        texts.Add(new BasicCredential("u", AmigoTestHost.Jwt).ToString());
        texts.Add(new AmigoClientOptions { ApiKey = AmigoTestHost.ApiKey, Credential = null }.ToString());

        var logLines = logs.SelectMany(l => l.AllText).ToList();
        Assert.That(logLines, Has.Count.GreaterThan(20), "the scenarios produce log lines to check");
        Assert.That(texts.Count(t => t.Contains("Amigo")), Is.GreaterThan(10), "the scenarios produce exceptions to check");
        AssertNoSecrets(texts);
        AssertNoSecrets(logLines);
        AssertNoSecrets(logs.SelectMany(l => l.Entries).SelectMany(e => e.State.Select(kv => kv.Value?.ToString() ?? string.Empty)));
    }

    [Test]
    public async Task EachAttempt_IsLoggedWithOperationStatusDurationAndAttempt()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(new ResponseSequence(ResponseSequence.Status(502), ResponseSequence.Status(200)));

        (await host.GetConversationsAsync()).Dispose();

        var attempts = host.Logs.Entries.Where(e => e.EventId.Id == 1).ToList();
        Assert.That(attempts, Has.Count.EqualTo(2));
        Assert.That(attempts.Select(State("Operation")), Is.All.EqualTo("get-conversations"));
        Assert.That(attempts.Select(State("Attempt")), Is.EqualTo(new object[] { 1, 2 }));
        Assert.That(attempts.Select(State("StatusCode")), Is.EqualTo(new object[] { 502, 200 }));
        Assert.That(attempts.Select(State("ElapsedMs")), Is.All.InstanceOf<long>());
        var completed = host.Logs.Entries.Single(e => e.EventId.Id == 4);
        Assert.That(completed.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(completed.Message, Does.Contain("get-conversations completed with HTTP 200").And.Contain("after 2 attempt(s)"));
        Assert.That(host.Logs.Entries.All(e => e.Category == "Amigo"));
    }

    [Test]
    public async Task LogLines_NeverContainBodiesOrQueryStrings()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        host.Http.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/metric/evaluate").Respond("application/json", """{"response_body_marker":1}""");

        (await host.SendAsync(HttpMethod.Post, "v1/acme/metric/evaluate?query_marker=1", new StringContent("""{"request_body_marker":1}"""))).Dispose();

        Assert.That(host.Logs.Entries, Is.Not.Empty);
        Assert.That(host.Logs.AllText, Has.None.Contains("body_marker").And.None.Contains("query_marker"));
    }

    private static Func<LogCapture.CapturedLog, object?> State(string key) => entry => entry.State.Single(kv => kv.Key == key).Value;
}
