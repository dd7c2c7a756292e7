using System.Net;
using System.Text;
using Amigo.Tests.Support;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class AuthenticationTests
{
    private const string ConversationsUrl = AmigoTestHost.BaseUrl + "v1/acme/conversation/";

    [Test]
    public async Task SignIn_SendsTheApiKeyHeadersAndUsesTheJwtAsBearer()
    {
        using var host = new AmigoTestHost();
        host.Http.Expect(HttpMethod.Post, AmigoTestHost.SignInUrl)
            .WithHeaders("x-api-key", AmigoTestHost.ApiKey)
            .WithHeaders("x-api-key-id", AmigoTestHost.ApiKeyId)
            .WithHeaders("x-user-id", AmigoTestHost.UserId)
            .Respond("application/json", $$"""{"id_token":"{{AmigoTestHost.Jwt}}","expires_at":"2026-01-01T13:00:00Z"}""");
        host.Http.Expect(HttpMethod.Get, ConversationsUrl)
            .WithHeaders("Authorization", "Bearer " + AmigoTestHost.Jwt)
            .Respond("application/json", "{}");

        using var response = await host.GetConversationsAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        host.Http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task HundredConcurrentFirstCalls_MakeExactlyOneSignIn()
    {
        using var host = new AmigoTestHost();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.RespondToSignIn(gate: () => gate.Task);
        var authorizations = new System.Collections.Concurrent.ConcurrentBag<string?>();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(request =>
        {
            authorizations.Add(request.Headers.Authorization?.ToString());
            return AmigoTestHost.Json(HttpStatusCode.OK, "{}");
        });

        // Each call runs synchronously until it waits for the token, so all 100 are waiting before the sign-in answers.
        var calls = Enumerable.Range(0, 100).Select(_ => host.GetConversationsAsync()).ToArray();
        gate.SetResult();
        var responses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(host.SignIns, Is.EqualTo(1));
        Assert.That(responses.All(r => r.StatusCode == HttpStatusCode.OK));
        Assert.That(authorizations, Has.Count.EqualTo(100).And.All.EqualTo("Bearer " + AmigoTestHost.Jwt));
    }

    [Test]
    public async Task CachedToken_IsReusedUntilFiveMinutesBeforeExpiry_ThenRefreshed()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn(lifetime: TimeSpan.FromHours(1), numberedTokens: true);
        var seen = new List<string?>();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(request =>
        {
            lock (seen)
            {
                seen.Add(request.Headers.Authorization?.Parameter);
            }

            return AmigoTestHost.Json(HttpStatusCode.OK, "{}");
        });

        (await host.GetConversationsAsync()).Dispose();
        host.Clock.Advance(TimeSpan.FromMinutes(54));
        (await host.GetConversationsAsync()).Dispose();
        Assert.That(host.SignIns, Is.EqualTo(1), "54 minutes into a 60-minute token it is still used");

        host.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await host.GetConversationsAsync()).Dispose();

        Assert.That(host.SignIns, Is.EqualTo(2), "within 5 minutes of expiry the token is refreshed before the call");
        Assert.That(seen, Is.EqualTo(new[] { AmigoTestHost.Jwt + "-1", AmigoTestHost.Jwt + "-1", AmigoTestHost.Jwt + "-2" }));
    }

    [Test]
    public async Task RefreshMargin_IsConfigurable()
    {
        using var host = new AmigoTestHost(o => o.TokenRefreshBeforeExpiry = TimeSpan.FromMinutes(20));
        host.RespondToSignIn(lifetime: TimeSpan.FromHours(1));
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond("application/json", "{}");

        (await host.GetConversationsAsync()).Dispose();
        host.Clock.Advance(TimeSpan.FromMinutes(41));
        (await host.GetConversationsAsync()).Dispose();

        Assert.That(host.SignIns, Is.EqualTo(2));
    }

    [Test]
    public async Task Unauthorized_RefreshesOnceAndReplaysTheRequest()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn(numberedTokens: true);
        var bodies = new List<string>();
        host.Http.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/metric/evaluate").Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return request.Headers.Authorization?.Parameter == AmigoTestHost.Jwt + "-1"
                ? AmigoTestHost.Json(HttpStatusCode.Unauthorized, """{"detail":"Token expired."}""")
                : AmigoTestHost.Json(HttpStatusCode.OK, "{}");
        });

        using var response = await host.SendAsync(HttpMethod.Post, "v1/acme/metric/evaluate", new StringContent("""{"metric_ids":["a"]}""", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(host.SignIns, Is.EqualTo(2));
        Assert.That(bodies, Is.EqualTo(new[] { """{"metric_ids":["a"]}""", """{"metric_ids":["a"]}""" }), "the replay carries the same body");
    }

    [Test]
    public void Unauthorized_TwiceInARow_IsReplayedOnlyOnce_AndThrowsAuthenticationException()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn(numberedTokens: true);
        var calls = host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(HttpStatusCode.Unauthorized, "application/json", """{"detail":"Invalid authorization credentials."}""");

        var error = Assert.ThrowsAsync<AmigoAuthenticationException>(() => host.GetConversationsAsync());

        Assert.That(host.Http.GetMatchCount(calls), Is.EqualTo(2));
        Assert.That(host.SignIns, Is.EqualTo(2));
        Assert.That(error!.Detail, Is.EqualTo("Invalid authorization credentials."));
    }

    [Test]
    public void Unauthorized_WithANonReplayableUploadStream_IsNotReplayed()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn(numberedTokens: true);
        var calls = host.Http.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/conversation/abc/interact")
            .Respond(HttpStatusCode.Unauthorized);

        var upload = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes("audio bytes")));
        Assert.ThrowsAsync<AmigoAuthenticationException>(() => host.SendAsync(HttpMethod.Post, "v1/acme/conversation/abc/interact", upload));

        Assert.That(host.Http.GetMatchCount(calls), Is.EqualTo(1));
        Assert.That(host.SignIns, Is.EqualTo(1));
    }

    [Test]
    public async Task StaticBearerToken_IsSentAsIs_AndNeverSignsIn()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt));
        var signIn = host.RespondToSignIn();
        host.Http.Expect(HttpMethod.Get, ConversationsUrl).WithHeaders("Authorization", "Bearer " + AmigoTestHost.Jwt).Respond("application/json", "{}");

        (await host.GetConversationsAsync()).Dispose();

        host.Http.VerifyNoOutstandingExpectation();
        Assert.That(host.Http.GetMatchCount(signIn), Is.Zero);
    }

    [Test]
    public async Task TokenProvider_IsAskedPerRequest_AndAgainAfterA401()
    {
        var tokens = new Queue<string>(["token-a", "token-b"]);
        var asked = 0;
        using var host = new AmigoTestHost(o => o.Credential = AmigoCredential.FromTokenProvider(_ =>
        {
            asked++;
            return ValueTask.FromResult(tokens.Count > 1 ? tokens.Dequeue() : tokens.Peek());
        }));
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(request =>
            AmigoTestHost.Json(request.Headers.Authorization?.Parameter == "token-a" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, "{}"));

        using var response = await host.GetConversationsAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(asked, Is.EqualTo(2));
    }

    [Test]
    public async Task Basic_UsesOrgUnderscoreUserAndTheJwt()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BasicCredential("user-9", AmigoTestHost.Jwt));
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"acme_user-9:{AmigoTestHost.Jwt}"));
        host.Http.Expect(HttpMethod.Get, ConversationsUrl).WithHeaders("Authorization", "Basic " + expected).Respond("application/json", "{}");

        (await host.GetConversationsAsync()).Dispose();

        host.Http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Basic_OverApiKey_SignsInAndSendsTheJwtAsPassword()
    {
        using var host = new AmigoTestHost(o => o.Credential = new BasicCredential(AmigoTestHost.UserId, new AmigoApiKeyCredential(AmigoTestHost.ApiKey, AmigoTestHost.ApiKeyId, AmigoTestHost.UserId)));
        host.RespondToSignIn();
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"acme_{AmigoTestHost.UserId}:{AmigoTestHost.Jwt}"));
        host.Http.Expect(HttpMethod.Get, ConversationsUrl).WithHeaders("Authorization", "Basic " + expected).Respond("application/json", "{}");

        (await host.GetConversationsAsync()).Dispose();

        host.Http.VerifyNoOutstandingExpectation();
        Assert.That(host.SignIns, Is.EqualTo(1));
    }

    [Test]
    public async Task TokenOrganizationId_IsSentAsXOrgId()
    {
        using var host = new AmigoTestHost(o => o.TokenOrganizationId = "issuer-org");
        host.RespondToSignIn();
        host.Http.Expect(HttpMethod.Get, ConversationsUrl).WithHeaders("X-ORG-ID", "issuer-org").Respond("application/json", "{}");

        (await host.GetConversationsAsync()).Dispose();

        host.Http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GeneratedSignIn_IsSentWithoutAuthorization_AndDoesNotTriggerTheClientsOwnSignIn()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn();

        var result = await host.Client.Users.Client.SignInWithApiKeyAsync(host.Client.OrganizationId, "other-key", "other-key-id", "other-user");

        Assert.That(result.IdToken, Is.EqualTo(AmigoTestHost.Jwt));
        Assert.That(host.SignIns, Is.EqualTo(1), "only the caller's own sign-in request was sent");
    }

    [Test]
    public async Task JsonContent_IsReplayedAfterA401()
    {
        using var host = new AmigoTestHost();
        host.RespondToSignIn(numberedTokens: true);
        var calls = host.Http.When(HttpMethod.Post, AmigoTestHost.BaseUrl + "v1/acme/metric/evaluate").Respond(request =>
            AmigoTestHost.Json(request.Headers.Authorization?.Parameter == AmigoTestHost.Jwt + "-1" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, "{}"));

        using var response = await host.SendAsync(HttpMethod.Post, "v1/acme/metric/evaluate", System.Net.Http.Json.JsonContent.Create(new { metric_ids = new[] { "m" } }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(host.Http.GetMatchCount(calls), Is.EqualTo(2));
    }

    [Test]
    public void SignInRejected_ThrowsAuthenticationException_WithoutTheKey()
    {
        using var host = new AmigoTestHost();
        host.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl)
            .Respond(HttpStatusCode.Unauthorized, "application/json", $$"""{"detail":"Invalid API key {{AmigoTestHost.ApiKey}}."}""");

        var error = Assert.ThrowsAsync<AmigoAuthenticationException>(() => host.GetConversationsAsync());

        Assert.That(error!.Operation, Is.EqualTo("sign-in-with-api-key"));
        Assert.That(error.ToString(), Does.Not.Contain(AmigoTestHost.ApiKey));
        Assert.That(error.Details.Body, Does.Not.Contain(AmigoTestHost.ApiKey));
    }

    [Test]
    public void SignInWithoutIdToken_ThrowsDecodeException()
    {
        using var host = new AmigoTestHost();
        host.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl).Respond("application/json", """{"expires_at":"2026-01-01T13:00:00Z"}""");

        var error = Assert.ThrowsAsync<AmigoDecodeException>(() => host.GetConversationsAsync());

        Assert.That(error!.Message, Does.Contain("sign-in-with-api-key").And.Contain("id_token"));
    }

    [Test]
    public async Task FailedSignIn_IsNotCached_TheNextCallSignsInAgain()
    {
        using var host = new AmigoTestHost();
        var attempts = 0;
        host.Http.When(HttpMethod.Post, AmigoTestHost.SignInUrl).Respond(_ => ++attempts == 1
            ? AmigoTestHost.Json(HttpStatusCode.Forbidden, """{"detail":"nope"}""")
            : AmigoTestHost.Json(HttpStatusCode.OK, $$"""{"id_token":"{{AmigoTestHost.Jwt}}","expires_at":"2026-01-01T13:00:00Z"}"""));
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond("application/json", "{}");

        Assert.ThrowsAsync<AmigoPermissionDeniedException>(() => host.GetConversationsAsync());
        using var response = await host.GetConversationsAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public void CallerCancellation_DoesNotCancelTheSharedSignIn()
    {
        using var host = new AmigoTestHost();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.RespondToSignIn(gate: () => gate.Task);
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond("application/json", "{}");
        using var cancel = new CancellationTokenSource();

        var cancelled = host.GetConversationsAsync(cancel.Token);
        var other = host.GetConversationsAsync();
        cancel.Cancel();
        gate.SetResult();

        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => (await other.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(host.SignIns, Is.EqualTo(1));
    }
}

/// <summary>A read-once stream, like a live audio upload.</summary>
internal sealed class NonSeekableStream(byte[] data) : Stream
{
    private readonly MemoryStream _inner = new(data);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
