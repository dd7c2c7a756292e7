using System.Net.Http.Headers;
using System.Text;
using Amigo.Webhooks;
using static Amigo.Tests.Webhooks.SignedDelivery;

namespace Amigo.Tests.Webhooks;

public sealed class AmigoWebhookVerifierTests
{
    [Test]
    public void A_delivery_signed_as_amigo_signs_it_is_verified_and_typed()
    {
        // The signature below was computed outside .NET (Python's hmac) for this exact body, timestamp and secret.
        var body = Encoding.UTF8.GetBytes(PostProcessingBody);
        var headers = new AmigoWebhookHeaders("key-1", "1767268800000", "6fea4ff3ed3e9074ceb4be126cb47dee4839af1a0029bd1c80320db9d1dca10d");

        var webhookEvent = Verifier().VerifyAndParse(body, headers);

        var done = (ConversationPostProcessingCompleteEvent)webhookEvent;
        Assert.That(done.Type, Is.EqualTo("conversation-post-processing-complete"));
        Assert.That(done.PostProcessingType, Is.EqualTo(PostProcessingType.ExtractMemories));
        Assert.That(done.PostProcessingType.IsKnown, Is.True);
        Assert.That(done.ConversationId, Is.EqualTo("6650a1b2c3d4e5f6a7b8c9d2"));
        Assert.That(done.OrganizationId, Is.EqualTo("acme"));
        Assert.That(done.IdempotencyKey, Is.EqualTo("key-1"));
        Assert.That(done.Timestamp, Is.EqualTo(Now));
        Assert.That((string?)done.RawJson["org_id"], Is.EqualTo("acme"));
    }

    [TestCase(AmigoWebhookHeaders.IdempotencyKeyHeader)]
    [TestCase(AmigoWebhookHeaders.TimestampHeader)]
    [TestCase(AmigoWebhookHeaders.SignatureHeader)]
    public void A_missing_header_fails_verification_and_names_the_header(string missing)
    {
        var (body, headers) = Create();
        headers = missing switch
        {
            AmigoWebhookHeaders.IdempotencyKeyHeader => headers with { IdempotencyKey = null },
            AmigoWebhookHeaders.TimestampHeader => headers with { Timestamp = "" },
            _ => headers with { Signature = " " },
        };

        var result = Verifier().Verify(body, headers);

        Assert.That(result.IsVerified, Is.False);
        Assert.That(result.FailureReason, Is.EqualTo(AmigoWebhookFailureReason.MissingHeader));
        Assert.That(result.HeaderName, Is.EqualTo(missing));
        Assert.That(result.Message, Does.Contain(missing));
    }

    [TestCase("yesterday")]
    [TestCase("-1767268800000")]
    [TestCase("1.7672688e12")]
    [TestCase("99999999999999999999")]
    [TestCase("1767268800000 1")]
    public void A_timestamp_that_is_not_unix_milliseconds_is_malformed(string timestamp)
    {
        var (body, _) = Create();
        var headers = new AmigoWebhookHeaders("key", timestamp, Sign(Secret, timestamp, body));

        var result = Verifier().Verify(body, headers);

        Assert.That(result.FailureReason, Is.EqualTo(AmigoWebhookFailureReason.MalformedTimestamp));
        Assert.That(result.HeaderName, Is.EqualTo(AmigoWebhookHeaders.TimestampHeader));
    }

    [TestCase("not-hex")]
    [TestCase("6fea4ff3ed3e9074ceb4be126cb47dee4839af1a0029bd1c80320db9d1dca10")]
    [TestCase("zzea4ff3ed3e9074ceb4be126cb47dee4839af1a0029bd1c80320db9d1dca10d")]
    [TestCase("sha256=6fea4ff3ed3e9074ceb4be126cb47dee4839af1a0029bd1c80320db9d1dca10d")]
    public void A_signature_that_is_not_64_hex_characters_is_malformed(string signature)
    {
        var (body, headers) = Create();

        var result = Verifier().Verify(body, headers with { Signature = signature });

        Assert.That(result.FailureReason, Is.EqualTo(AmigoWebhookFailureReason.MalformedSignature));
    }

    [Test]
    public void A_tampered_body_a_wrong_secret_or_a_changed_timestamp_is_a_bad_signature()
    {
        var verifier = Verifier();
        var (body, headers) = Create();
        var tampered = Encoding.UTF8.GetBytes(PostProcessingBody.Replace("acme", "evil"));
        var (_, wrongSecret) = Create(secret: "someone-else's-secret");
        var changedTimestamp = headers with { Timestamp = Milliseconds(Now.AddMilliseconds(1)) };

        Assert.That(verifier.Verify(tampered, headers).FailureReason, Is.EqualTo(AmigoWebhookFailureReason.BadSignature));
        Assert.That(verifier.Verify(body, wrongSecret).FailureReason, Is.EqualTo(AmigoWebhookFailureReason.BadSignature));
        Assert.That(verifier.Verify(body, changedTimestamp).FailureReason, Is.EqualTo(AmigoWebhookFailureReason.BadSignature));
        Assert.That(verifier.Verify(body, headers).IsVerified, Is.True);
    }

    [Test]
    public void A_delivery_older_than_the_maximum_age_is_too_old()
    {
        var verifier = Verifier();
        var (oldBody, old) = Create(at: Now - TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var (edgeBody, edge) = Create(at: Now - TimeSpan.FromMinutes(5));

        var result = verifier.Verify(oldBody, old);

        Assert.That(result.FailureReason, Is.EqualTo(AmigoWebhookFailureReason.TooOld));
        Assert.That(result.Timestamp, Is.EqualTo(Now - TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1)));
        Assert.That(result.Message, Does.Contain("300.001 s old"));
        Assert.That(verifier.Verify(edgeBody, edge).IsVerified, Is.True);
    }

    [Test]
    public void A_delivery_too_far_in_the_future_is_rejected_and_both_bounds_are_configurable()
    {
        var (futureBody, future) = Create(at: Now + TimeSpan.FromSeconds(61));
        var (oldBody, old) = Create(at: Now - TimeSpan.FromMinutes(20));
        var lenient = new AmigoWebhookOptions
        {
            MaxAge = TimeSpan.FromMinutes(30), MaxFutureSkew = TimeSpan.FromMinutes(2), TimeProvider = new Support.TestClock(Now),
        };
        lenient.Secrets.Add(Secret);

        Assert.That(Verifier().Verify(futureBody, future).FailureReason, Is.EqualTo(AmigoWebhookFailureReason.TooFarInFuture));
        Assert.That(new AmigoWebhookVerifier(lenient).Verify(futureBody, future).IsVerified, Is.True);
        Assert.That(new AmigoWebhookVerifier(lenient).Verify(oldBody, old).IsVerified, Is.True);
    }

    [Test]
    public void A_stale_delivery_with_a_bad_signature_reports_the_signature()
    {
        var (body, headers) = Create(secret: "wrong", at: Now - TimeSpan.FromHours(1));

        Assert.That(Verifier().Verify(body, headers).FailureReason, Is.EqualTo(AmigoWebhookFailureReason.BadSignature));
    }

    [TestCase("not json at all")]
    [TestCase("[1, 2, 3]")]
    [TestCase("""{"type":"conversation-post-processing-complete"} {"again":1}""")]
    public void A_signed_body_that_is_not_one_json_object_is_malformed(string body)
    {
        var (bytes, headers) = Create(body);
        var verifier = Verifier();

        Assert.That(verifier.Verify(bytes, headers).IsVerified, Is.True, "the signature itself is fine");
        Assert.That(verifier.TryVerifyAndParse(bytes, headers, out var webhookEvent, out var result), Is.False);
        Assert.That(webhookEvent, Is.Null);
        Assert.That(result.FailureReason, Is.EqualTo(AmigoWebhookFailureReason.MalformedBody));
    }

    [Test]
    public void A_signed_body_that_is_not_utf8_is_malformed()
    {
        byte[] body = [(byte)'{', 0xC3, 0x28, (byte)'}'];
        var timestamp = Milliseconds(Now);
        var headers = new AmigoWebhookHeaders("key", timestamp, Sign(Secret, timestamp, body));

        var failure = Assert.Throws<AmigoWebhookVerificationException>(() => Verifier().VerifyAndParse(body, headers));

        Assert.That(failure!.FailureReason, Is.EqualTo(AmigoWebhookFailureReason.MalformedBody));
        Assert.That(failure.Message, Does.Contain("UTF-8"));
    }

    [Test]
    public void During_rotation_the_old_and_the_new_secret_are_both_accepted()
    {
        const string oldSecret = "old-secret";
        const string newSecret = "new-secret";
        var both = Verifier(oldSecret, newSecret);
        var (oldBody, signedWithOld) = Create(secret: oldSecret);
        var (newBody, signedWithNew) = Create(secret: newSecret);
        var (dualBody, dual) = Create(secret: newSecret);
        dual = dual with { Signature = dual.Signature + ", " + Sign(oldSecret, dual.Timestamp!, dualBody) };

        Assert.That(both.Verify(oldBody, signedWithOld).IsVerified, Is.True);
        Assert.That(both.Verify(newBody, signedWithNew).IsVerified, Is.True);
        Assert.That(Verifier(oldSecret).Verify(dualBody, dual).IsVerified, Is.True, "a receiver still on the old secret");
        Assert.That(Verifier(newSecret).Verify(dualBody, dual).IsVerified, Is.True, "a receiver already on the new secret");
        Assert.That(Verifier("third").Verify(dualBody, dual).FailureReason, Is.EqualTo(AmigoWebhookFailureReason.BadSignature));
        Assert.That(Verifier(oldSecret).Verify(newBody, signedWithNew).FailureReason, Is.EqualTo(AmigoWebhookFailureReason.BadSignature));
    }

    [Test]
    public void A_signature_scheme_added_later_does_not_hide_the_v1_signature()
    {
        var (body, headers) = Create();

        var result = Verifier().Verify(body, headers with { Signature = "v2=abc," + headers.Signature });

        Assert.That(result.IsVerified, Is.True);
    }

    [Test]
    public void An_unknown_event_type_comes_through_with_its_raw_json()
    {
        var (body, headers) = Create("""{"type":"api-key-expiration-soon","api_key_id":"k-7","expires_at":"2026-02-01T00:00:00Z"}""");

        var webhookEvent = Verifier().VerifyAndParse(body, headers);

        var unknown = (UnknownAmigoWebhookEvent)webhookEvent;
        Assert.That(unknown.Type, Is.EqualTo("api-key-expiration-soon"));
        Assert.That((string?)unknown.RawJson["api_key_id"], Is.EqualTo("k-7"));
        Assert.That((string?)unknown.RawJson["expires_at"], Is.EqualTo("2026-02-01T00:00:00Z"), "dates stay as sent");
        Assert.That(unknown.IdempotencyKey, Is.EqualTo(headers.IdempotencyKey));
    }

    [Test]
    public void A_new_post_processing_type_is_kept_and_a_known_event_missing_a_field_falls_back_to_unknown()
    {
        var (newBody, newHeaders) = Create(PostProcessingBody.Replace("extract-memories", "summarize-call"));
        var (partialBody, partialHeaders) = Create("""{"type":"conversation-post-processing-complete","post_processing_type":"compute-metrics","org_id":"acme"}""");
        var (untypedBody, untypedHeaders) = Create("""{"conversation_id":"c1"}""");
        var verifier = Verifier();

        var newer = (ConversationPostProcessingCompleteEvent)verifier.VerifyAndParse(newBody, newHeaders);
        var partial = verifier.VerifyAndParse(partialBody, partialHeaders);
        var untyped = verifier.VerifyAndParse(untypedBody, untypedHeaders);

        Assert.That(newer.PostProcessingType.Value, Is.EqualTo("summarize-call"));
        Assert.That(newer.PostProcessingType.IsKnown, Is.False);
        Assert.That(partial, Is.InstanceOf<UnknownAmigoWebhookEvent>());
        Assert.That(partial.Type, Is.EqualTo("conversation-post-processing-complete"));
        Assert.That(untyped, Is.InstanceOf<UnknownAmigoWebhookEvent>());
        Assert.That(untyped.Type, Is.Empty);
    }

    [Test]
    public void VerifyAndParse_throws_an_AmigoException_that_never_shows_the_secret_or_the_signature()
    {
        var (body, headers) = Create(secret: "wrong");
        var verifier = Verifier();

        var failure = Assert.Throws<AmigoWebhookVerificationException>(() => verifier.VerifyAndParse(body, headers));

        Assert.That(failure, Is.InstanceOf<AmigoException>());
        Assert.That(failure!.FailureReason, Is.EqualTo(AmigoWebhookFailureReason.BadSignature));
        var shown = failure.Message + failure.Result + verifier + new AmigoWebhookOptions { Secrets = { Secret } };
        Assert.That(shown, Does.Not.Contain(Secret).And.Not.Contain(headers.Signature!).And.Not.Contain("wrong"));
    }

    [Test]
    public void Headers_are_read_case_insensitively_and_repeated_signature_values_are_joined()
    {
        var (body, signed) = Create();
        using var request = new HttpRequestMessage();
        request.Headers.TryAddWithoutValidation("X-Amigo-Idempotent-Key", signed.IdempotencyKey);
        request.Headers.TryAddWithoutValidation("X-AMIGO-REQUEST-TIMESTAMP", signed.Timestamp);
        request.Headers.TryAddWithoutValidation("x-amigo-request-signature", Sign("old", signed.Timestamp!, body));
        request.Headers.TryAddWithoutValidation("x-amigo-request-signature", signed.Signature);

        var headers = AmigoWebhookHeaders.From(request.Headers);
        var fromLookup = AmigoWebhookHeaders.From(name => request.Headers.TryGetValues(name, out var values) ? values : null);

        Assert.That(headers, Is.EqualTo(fromLookup));
        Assert.That(headers.Signature!.Split(','), Has.Length.EqualTo(2));
        Assert.That(Verifier().Verify(body, headers).IsVerified, Is.True);
        Assert.That(AmigoWebhookHeaders.From(new HttpRequestMessage().Headers), Is.EqualTo(new AmigoWebhookHeaders(null, null, null)));
    }

    [Test]
    public void A_verifier_needs_a_secret()
    {
        Assert.Throws<ArgumentException>(() => new AmigoWebhookVerifier(new AmigoWebhookOptions()));
        Assert.Throws<ArgumentException>(() => new AmigoWebhookVerifier(""));
        Assert.Throws<ArgumentException>(() => new AmigoWebhookVerifier(new AmigoWebhookOptions { Secrets = { "a", "" } }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AmigoWebhookVerifier(new AmigoWebhookOptions { Secrets = { "a" }, MaxAge = TimeSpan.FromSeconds(-1) }));
    }
}
