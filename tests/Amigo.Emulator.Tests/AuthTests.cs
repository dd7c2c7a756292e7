using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Tests;

public sealed class AuthTests
{
    private static HttpRequestMessage SignIn(string org, string? key = AmigoEmulatorOptions.DemoApiKey,
        string keyId = AmigoEmulatorOptions.DemoApiKeyId, string userId = AmigoEmulatorOptions.DemoUserId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"v1/{org}/user/signin_with_api_key");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        request.Headers.Add("x-api-key-id", keyId);
        request.Headers.Add("x-user-id", userId);
        return request;
    }

    [Test]
    public async Task SignIn_IssuesJwtShapedTokenWithExpiry()
    {
        var clock = new ManualTimeProvider();
        var options = new AmigoEmulatorOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromMinutes(10) };
        await using var session = await EmulatorSession.StartAsync(options, signIn: false);

        using var response = await session.Http.SendAsync(SignIn(session.Org));
        var body = (JObject)await EmulatorSession.BodyAsync(response);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(((string)body["id_token"]!).Split('.'), Has.Length.EqualTo(3));
        Assert.That((string)body["expires_at"]!, Is.EqualTo("2026-01-15T09:10:00.000000Z"));
    }

    [Test]
    public async Task SignIn_WrongKeyOrUnknownUser_Is401_MissingHeader_Is422()
    {
        await using var session = await EmulatorSession.StartAsync(signIn: false);

        using var wrongKey = await session.Http.SendAsync(SignIn(session.Org, key: "nope"));
        using var unknownUser = await session.Http.SendAsync(SignIn(session.Org, userId: "000000000000000000000000"));
        using var missing = await session.Http.SendAsync(SignIn(session.Org, key: null));
        using var wrongOrg = await session.Http.SendAsync(SignIn("other-org"));

        Assert.That((int)wrongKey.StatusCode, Is.EqualTo(401));
        Assert.That((int)unknownUser.StatusCode, Is.EqualTo(401));
        Assert.That((int)missing.StatusCode, Is.EqualTo(422));
        var detail = (JObject)((JArray)(await EmulatorSession.BodyAsync(missing))["detail"]!)[0];
        Assert.That(detail["loc"]!.ToObject<string[]>(), Is.EqualTo(new[] { "header", "x-api-key" }));
        Assert.That((int)wrongOrg.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task EveryOtherCall_WithoutOrWithBadToken_Is401()
    {
        await using var session = await EmulatorSession.StartAsync(signIn: false);

        var (none, _) = await session.GetAsync("conversation/");
        session.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged.token.value");
        var (forged, body) = await session.GetAsync("conversation/");

        Assert.That(none, Is.EqualTo(401));
        Assert.That(forged, Is.EqualTo(401));
        Assert.That((string)body["detail"]!, Does.Contain("Invalid authorization credentials"));
    }

    [Test]
    public async Task ExpiredToken_Is401_AndANewSignInWorks()
    {
        var clock = new ManualTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new AmigoEmulatorOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromMinutes(5) });
        Assert.That((await session.GetAsync("conversation/")).Status, Is.EqualTo(200));

        clock.Advance(TimeSpan.FromMinutes(5));
        var (expired, body) = await session.GetAsync("conversation/");
        await session.SignInAsync();

        Assert.That(expired, Is.EqualTo(401));
        Assert.That((string)body["detail"]!, Does.Contain("expired"));
        Assert.That((await session.GetAsync("conversation/")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task ExpireAllTokens_MakesCurrentTokens401()
    {
        await using var session = await EmulatorSession.StartAsync();

        session.Emulator.ExpireAllTokens();

        Assert.That((await session.GetAsync("conversation/")).Status, Is.EqualTo(401));
    }

    [Test]
    public async Task BasicAuth_WithOrgUnderscoreUserAndToken_IsAccepted_OtherUsername_Is401()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = session.Token;

        string Basic(string user) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}"));
        session.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Basic($"{session.Org}_{AmigoEmulatorOptions.DemoUserId}"));
        var (good, _) = await session.GetAsync("conversation/");
        session.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Basic("someone_else"));
        var (bad, _) = await session.GetAsync("conversation/");

        Assert.That(good, Is.EqualTo(200));
        Assert.That(bad, Is.EqualTo(401));
    }

    [Test]
    public async Task OrgHeader_MustMatchTheTokensOrganization_AndPathOrgMustExist()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var matching = new HttpRequestMessage(HttpMethod.Get, $"v1/{session.Org}/conversation/");
        matching.Headers.Add("X-ORG-ID", session.Org);
        using var other = new HttpRequestMessage(HttpMethod.Get, $"v1/{session.Org}/conversation/");
        other.Headers.Add("X-ORG-ID", "another-org");
        using var matchingResponse = await session.Http.SendAsync(matching);
        using var otherResponse = await session.Http.SendAsync(other);
        using var unknownOrg = await session.Http.GetAsync("v1/unknown-org/conversation/");

        Assert.That((int)matchingResponse.StatusCode, Is.EqualTo(200));
        Assert.That((int)otherResponse.StatusCode, Is.EqualTo(401));
        Assert.That((int)unknownOrg.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task IssueToken_ForAnAddedUser_Authenticates()
    {
        await using var session = await EmulatorSession.StartAsync(signIn: false);
        session.Emulator.AddUser(new EmulatorUser("6650a1b2c3d4e5f6a7b8c9ff", "Second User"));

        var (token, _) = session.Emulator.IssueToken("6650a1b2c3d4e5f6a7b8c9ff");
        session.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.That((await session.GetAsync("conversation/")).Status, Is.EqualTo(200));
        Assert.Throws<ArgumentException>(() => session.Emulator.IssueToken("6650a1b2c3d4e5f6a7b8c9aa"));
    }

    [Test]
    public async Task RecordedRequests_RedactCredentials()
    {
        await using var session = await EmulatorSession.StartAsync();

        await session.GetAsync("conversation/?limit=5");

        var requests = session.Emulator.Requests;
        Assert.That(requests.Select(r => r.Operation), Is.EqualTo(new[] { EmulatorOperations.SignInWithApiKey, EmulatorOperations.GetConversations }));
        Assert.That(requests[0].Headers["x-api-key"], Is.EqualTo("***"));
        Assert.That(requests[1].Headers["Authorization"], Is.EqualTo("***"));
        Assert.That(requests[1].Query, Is.EqualTo("?limit=5"));
    }

    [Test]
    public async Task UnknownPath_Is404_WrongMethod_Is405()
    {
        await using var session = await EmulatorSession.StartAsync();

        var (missingSlash, _) = await session.GetAsync("conversation");
        using var wrongMethod = await session.Http.PutAsync($"v1/{session.Org}/conversation/", null);

        Assert.That(missingSlash, Is.EqualTo(404));
        Assert.That((int)wrongMethod.StatusCode, Is.EqualTo(405));
    }
}
