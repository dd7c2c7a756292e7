using System.Net;
using System.Text;
using Amigo.Tests.Support;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

[TestFixture]
public sealed class ErrorMappingTests
{
    private const string ConversationsUrl = AmigoTestHost.BaseUrl + "v1/acme/conversation/";

    private static AmigoTestHost NoRetryHost(bool strict = false) => new(o =>
    {
        o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
        o.Retry.MaxRetries = 0;
        o.StrictDecoding = strict;
    });

    [TestCase(400, typeof(AmigoBadRequestException))]
    [TestCase(401, typeof(AmigoAuthenticationException))]
    [TestCase(403, typeof(AmigoPermissionDeniedException))]
    [TestCase(404, typeof(AmigoNotFoundException))]
    [TestCase(408, typeof(AmigoRequestTimeoutException))]
    [TestCase(409, typeof(AmigoConflictException))]
    [TestCase(415, typeof(AmigoUnsupportedMediaTypeException))]
    [TestCase(422, typeof(AmigoValidationException))]
    [TestCase(429, typeof(AmigoRateLimitedException))]
    [TestCase(503, typeof(AmigoServiceUnavailableException))]
    [TestCase(500, typeof(AmigoServerException))]
    [TestCase(502, typeof(AmigoServerException))]
    [TestCase(504, typeof(AmigoServerException))]
    [TestCase(418, typeof(AmigoApiException))]
    public void EveryStatus_MapsToItsExceptionType(int status, Type expected)
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(_ =>
        {
            var response = AmigoTestHost.Json((HttpStatusCode)status, """{"detail":"Something specific went wrong."}""");
            response.Headers.Add("x-request-id", "req-123");
            return response;
        });

        var error = Assert.CatchAsync<AmigoApiException>(() => host.GetConversationsAsync());

        Assert.That(error, Is.TypeOf(expected));
        Assert.That(error!.StatusCode, Is.EqualTo(status));
        Assert.That(error.Detail, Is.EqualTo("Something specific went wrong."));
        Assert.That(error.RequestId, Is.EqualTo("req-123"));
        Assert.That(error.Operation, Is.EqualTo("get-conversations"));
        Assert.That(error.Headers["x-request-id"], Is.EqualTo(new[] { "req-123" }));
        Assert.That(error.Message, Does.Contain("get-conversations").And.Contain($"HTTP {status}").And.Contain("Something specific went wrong.").And.Contain("req-123"));
    }

    [Test]
    public void ServiceUnavailable_IsAlsoAServerException()
    {
        Assert.That(AmigoApiException.Create(503, "maintenance"), Is.InstanceOf<AmigoServerException>());
    }

    [Test]
    public void ValidationErrors_AreParsedIntoFieldErrors()
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(HttpStatusCode.UnprocessableEntity, "application/json", """
            {"detail":[
              {"loc":["query","limit"],"msg":"Input should be less than or equal to 50","type":"less_than_equal","input":"500"},
              {"loc":["body","messages",0,"text"],"msg":"Field required","type":"missing"}
            ]}
            """);

        var error = Assert.ThrowsAsync<AmigoValidationException>(() => host.GetConversationsAsync());

        Assert.That(error!.FieldErrors, Has.Count.EqualTo(2));
        Assert.That(error.FieldErrors[0].Location, Is.EqualTo(new[] { "query", "limit" }));
        Assert.That(error.FieldErrors[0].Message, Is.EqualTo("Input should be less than or equal to 50"));
        Assert.That(error.FieldErrors[0].Type, Is.EqualTo("less_than_equal"));
        Assert.That(error.FieldErrors[1].ToString(), Is.EqualTo("body.messages.0.text: Field required"));
        Assert.That(error.Message, Does.Contain("query.limit: Input should be less than or equal to 50").And.Contain("body.messages.0.text: Field required"));
    }

    [TestCase(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", AmigoErrorBodyKind.Html)]
    [TestCase(503, "text/plain", "", AmigoErrorBodyKind.Empty)]
    [TestCase(404, "text/plain", "no such route", AmigoErrorBodyKind.Text)]
    [TestCase(400, "application/json", "{\"detail\": ", AmigoErrorBodyKind.Text)]
    public void NonJsonOrEmptyBodies_StillGiveTypedExceptions(int status, string mediaType, string body, AmigoErrorBodyKind kind)
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond((HttpStatusCode)status, mediaType, body);

        var error = Assert.CatchAsync<AmigoApiException>(() => host.GetConversationsAsync());

        Assert.That(error!.StatusCode, Is.EqualTo(status));
        Assert.That(error.Details.BodyKind, Is.EqualTo(kind));
        Assert.That(error.Message, Does.Contain($"HTTP {status}").And.Contain("get-conversations"));
        Assert.That(error.Message, Does.Not.Contain("<html>"), "an HTML page is described, not pasted into the message");
    }

    [Test]
    public void ErrorWithNoContentAtAll_StillGivesATypedException()
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.Forbidden));

        var error = Assert.ThrowsAsync<AmigoPermissionDeniedException>(() => host.GetConversationsAsync());

        Assert.That(error!.Details.BodyKind, Is.EqualTo(AmigoErrorBodyKind.Empty));
    }

    [Test]
    public void InStreamError_MapsToTheSubclassOfItsCode()
    {
        var error = AmigoApiException.Create(409, "The conversation is already finished.", "interact-with-conversation");

        Assert.That(error, Is.TypeOf<AmigoConflictException>());
        Assert.That(error.StatusCode, Is.EqualTo(409));
        Assert.That(error.Detail, Is.EqualTo("The conversation is already finished."));
        Assert.That(error.Details.BodyKind, Is.EqualTo(AmigoErrorBodyKind.InStreamEvent));
        Assert.That(error.Message, Does.Contain("interact-with-conversation").And.Contain("inside the event stream").And.Contain("already finished"));
        Assert.That(AmigoApiException.Create(500, null), Is.TypeOf<AmigoServerException>());
        Assert.That(AmigoApiException.Create(429, "slow down"), Is.TypeOf<AmigoRateLimitedException>());
    }

    [Test]
    public void NetworkFailure_IsAnAmigoNetworkExceptionNamingTheOperation()
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var error = Assert.ThrowsAsync<AmigoNetworkException>(() => host.GetConversationsAsync());

        Assert.That(error!.Operation, Is.EqualTo("get-conversations"));
        Assert.That(error.Error, Is.EqualTo(HttpRequestError.ConnectionError));
        Assert.That(error.RequestNeverSent, Is.True);
        Assert.That(error.Message, Does.Contain("get-conversations").And.Contain("connection could not be established"));
    }

    [Test]
    public void AttemptTimeout_IsAnAmigoTimeoutExceptionNamingTheOperation()
    {
        using var host = new AmigoTestHost(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            o.Retry.MaxRetries = 0;
            o.RequestTimeout = TimeSpan.FromMilliseconds(50);
        });
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(new HangingHandler());

        var error = Assert.ThrowsAsync<AmigoTimeoutException>(() => host.GetConversationsAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(error!.Operation, Is.EqualTo("get-conversations"));
        Assert.That(error.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
    }

    [Test]
    public void CallerCancellation_StaysAnOperationCanceledException()
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(new HangingHandler());
        using var cancel = new CancellationTokenSource();

        var call = host.GetConversationsAsync(cancel.Token);
        cancel.Cancel();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void OffSpecSuccessBody_FromAGeneratedClient_IsAnAmigoDecodeException_WhenStrict()
    {
        using var host = NoRetryHost(strict: true);
        host.Http.When(HttpMethod.Get, ConversationsUrl + "abc/messages/").Respond("application/json", """{"messages": "not an array", "has_more": "maybe"}""");

        var error = Assert.ThrowsAsync<AmigoDecodeException>(() => host.Client.Conversations.Client.GetConversationMessagesAsync(host.Client.OrganizationId, "abc"));

        Assert.That(error!.Operation, Is.EqualTo("get-conversation-messages"));
        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("GetConversationMessagesResponse"));
    }

    [Test]
    public void ErrorStatus_ThroughAGeneratedClient_IsTypedAndNoGeneratedApiExceptionLeaks()
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Post, ConversationsUrl + "abc/finish/").Respond(HttpStatusCode.NotFound, "application/json", """{"detail":"Metric not found."}""");

        var error = Assert.CatchAsync(() => host.Client.Conversations.Client.FinishConversationAsync("abc", host.Client.OrganizationId));

        Assert.That(error, Is.TypeOf<AmigoNotFoundException>());
        Assert.That(((AmigoNotFoundException)error!).Detail, Is.EqualTo("Metric not found."));
    }

    [Test]
    public void AnUndocumentedSuccessStatus_IsAnAmigoDecodeException_NotAGeneratedApiException()
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Post, ConversationsUrl + "abc/finish/").Respond(HttpStatusCode.OK, "application/json", "{}");

        var error = Assert.CatchAsync(() => host.Client.Conversations.Client.FinishConversationAsync("abc", host.Client.OrganizationId));

        Assert.That(error, Is.TypeOf<AmigoDecodeException>());
        Assert.That(error!.Message, Does.Contain("finish-conversation").And.Contain("HTTP 200").And.Contain("documents HTTP 204"));
    }

    [Test]
    public void CallAsync_TranslatesAGeneratedApiException()
    {
        using var host = NoRetryHost();
        var headers = new Dictionary<string, IEnumerable<string>> { ["x-request-id"] = ["r"] };

        var decode = Assert.ThrowsAsync<AmigoDecodeException>(() => host.Client.Context.CallAsync<int>("get-conversations",
            _ => throw new Amigo.Generated.ApiException("The HTTP status code of the response was not expected (204).", 204, "", headers, null), default));
        var notFound = Assert.ThrowsAsync<AmigoNotFoundException>(() => host.Client.Context.CallAsync("finish-conversation",
            _ => throw new Amigo.Generated.ApiException("gone", 404, """{"detail":"No such conversation."}""", headers, null), default));

        Assert.That(decode!.StatusCode, Is.EqualTo(204));
        Assert.That(notFound!.Detail, Is.EqualTo("No such conversation."));
        Assert.That(notFound.Operation, Is.EqualTo("finish-conversation"));
    }

    [Test]
    public void CookieAndAuthorizationHeaders_AreLeftOutOfTheException()
    {
        using var host = NoRetryHost();
        host.Http.When(HttpMethod.Get, ConversationsUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            response.Headers.Add("Set-Cookie", "session=SECRET-cookie");
            return response;
        });

        var error = Assert.ThrowsAsync<AmigoBadRequestException>(() => host.GetConversationsAsync());

        Assert.That(error!.Headers.ContainsKey("Set-Cookie"), Is.False);
        Assert.That(error.Headers.ContainsKey("Content-Type"), Is.True);
    }
}
