using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 2: secrets a server echoes (the client's key, key id and token, raw or JSON-escaped, and anything
/// shaped like a JWT) never reach an exception's message, ToString, details, body or headers.
/// </summary>
[TestFixture]
public sealed class SecretRedactionTests
{
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXNlY3JldA";
    private const string ForeignJwt = "eyJ0eXAiOiJKV1QifQ.eyJhZG1pbiI6dHJ1ZX0.b3RoZXItc2lnbmF0dXJl";

    /// <summary>The key and key id with their first character JSON-escaped, as a server that re-encodes its input echoes them.</summary>
    private static readonly string EscapedKey = @"\u0053" + HostileServer.ApiKey[1..];
    private static readonly string EscapedKeyId = @"\u0053" + HostileServer.ApiKeyId[1..];

    private static readonly string[] Secrets = [HostileServer.ApiKey, HostileServer.ApiKeyId, Token, ForeignJwt, EscapedKey, EscapedKeyId, "c2lnbmF0dXJl"];

    private static void AssertNoSecret(Exception error)
    {
        var texts = new List<string> { error.Message, error.ToString() };
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            texts.Add(inner.Message);
        }

        if (error is AmigoApiException api)
        {
            texts.Add(api.Detail ?? "");
            texts.AddRange(api.FieldErrors.Select(f => string.Join('.', f.Location) + " " + f.Message + " " + f.Type));
            texts.AddRange(api.Headers.SelectMany(h => h.Value));
            texts.Add(api.Details.Body ?? "");
            if (api.Details.Body is { } body && body.TrimStart().StartsWith('{'))
            {
                texts.Add(JToken.Parse(body).ToString());
            }
        }

        if (error is AmigoStreamException stream)
        {
            texts.Add(stream.Excerpt ?? "");
        }

        foreach (var text in texts)
        {
            foreach (var secret in Secrets)
            {
                Assert.That(text, Does.Not.Contain(secret), $"a secret leaked into: {text}");
            }
        }
    }

    [Test]
    public async Task A_token_echoed_in_a_401_detail_and_header_never_reaches_the_exception()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            if (HostileServer.IsSignIn(context))
            {
                await HostileServer.SignInAsync(context, Token);
                return;
            }

            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", token=\"{Token}\"";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"detail":"Token {{{Token}}} is expired; also saw {{{ForeignJwt}}}","echo":{"x-api-key":"{{{EscapedKey}}}","x-api-key-id":"{{{EscapedKeyId}}}"}}""");
        });
        using var client = server.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoAuthenticationException>());
        Assert.That(((AmigoApiException)error!).Detail, Does.StartWith("Token *** is expired; also saw ***"));
        AssertNoSecret(error);
    }

    [Test]
    public async Task A_key_echoed_JSON_escaped_by_a_failed_sign_in_never_reaches_the_exception()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 422;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""
                {"detail":[{"loc":["header","x-api-key"],"msg":"invalid key {{EscapedKey}}","type":"value_error","input":"{{EscapedKey}}"},
                           {"loc":["header","{{EscapedKeyId}}"],"msg":"unknown key id","type":"value_error"}]}
                """);
        });
        using var client = server.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoValidationException>());
        Assert.That(((AmigoApiException)error!).FieldErrors[0].Message, Is.EqualTo("invalid key ***"));
        AssertNoSecret(error);
    }

    private static Task<HostileServer> StreamServerAsync(string line) => HostileServer.StartAsync(async context =>
    {
        if (HostileServer.IsSignIn(context))
        {
            await HostileServer.SignInAsync(context, Token);
            return;
        }

        await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
        await context.Response.WriteLineAndFlushAsync(ConversationEvents.Created("65f1c0ffee0123456789abcd"));
        await context.Response.WriteLineAndFlushAsync(line);
    });

    [TestCase("""{"type":"error","http_error_code":401,"error_description":"token TOKEN rejected for KEY"}""")]
    [TestCase("""{"m":"TOKEN KEY""")]
    [TestCase("""{"f":"KEY","conversation_completed":"TOKEN","type":"interaction-complete","message_id":"m","interaction_id":"i","full_message":"f"} trailing""")]
    public async Task Secrets_echoed_inside_a_stream_never_reach_the_exception(string line)
    {
        await using var server = await StreamServerAsync(line.Replace("TOKEN", Token).Replace("KEY", EscapedKey));
        using var client = server.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(() =>
            client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" }).CollectAsync());

        Assert.That(error, Is.InstanceOf<AmigoStreamException>());
        AssertNoSecret(error!);
    }
}
