using Amigo.Generated;

namespace Amigo.EndToEnd.Tests;

/// <summary>
/// Unit tests of code that wraps the SDK, with no HTTP at all, through the public API only (this project has no
/// access to the SDK's internals): fake streams, fake pageables, results and exceptions from their factories.
/// </summary>
public class UnitTestingTests
{
    /// <summary>Code an application would write on top of the SDK: the README's example.</summary>
    private static class TurnSummary
    {
        public static async Task<string> SummarizeAsync(ConversationEventStream turn, CancellationToken cancellationToken = default)
        {
            var result = await turn.CollectAsync(cancellationToken);
            return $"{result.UserMessage} -> {result.AgentMessage}";
        }

        public static async Task<int> CountOpenAsync(AmigoPageable<ConversationInstance, GetConversationsResponse> conversations, CancellationToken cancellationToken = default)
        {
            var open = 0;
            await foreach (var conversation in conversations.WithCancellation(cancellationToken))
                if (!conversation.IsFinished) open++;
            return open;
        }
    }

    [Test]
    public async Task A_fake_stream_is_collected_like_a_live_one()
    {
        var turn = ConversationEventStream.FromEvents(new ConversationEvent[]
        {
            new UserMessageAvailableEvent { UserMessage = "Where is my refund?", MessageId = "m1" },
            new NewMessageEvent { Message = "It is ", MessageId = "m2", SequenceNumber = 0 },
            new NewMessageEvent { Message = "on its way.", MessageId = "m2", SequenceNumber = 1, Stop = true },
            new InteractionCompleteEvent { FullMessage = "It is on its way.", MessageId = "m2", InteractionId = "i1" },
        });

        Assert.That(await TurnSummary.SummarizeAsync(turn), Is.EqualTo("Where is my refund? -> It is on its way."));
        Assert.That(turn.Operation, Is.EqualTo("interact-with-conversation"));
        Assert.That(turn.ResponseFormat, Is.EqualTo(Format.Text));
    }

    [Test]
    public void A_fake_stream_can_fail_part_way_with_a_stream_exception()
    {
        static async IAsyncEnumerable<ConversationEvent> BreaksAfterOneEvent()
        {
            yield return new UserMessageAvailableEvent { UserMessage = "hi", MessageId = "m1" };
            await Task.Yield();
            throw new AmigoStreamEndedEarlyException("interact-with-conversation", lineNumber: 1, eventsSeen: 1, recentEvents: []);
        }

        var turn = ConversationEventStream.FromEvents(BreaksAfterOneEvent());

        Assert.ThrowsAsync<AmigoStreamEndedEarlyException>(() => TurnSummary.SummarizeAsync(turn));
    }

    [Test]
    public async Task A_fake_pageable_walks_its_pages_in_order_and_by_token()
    {
        var conversations = AmigoPageable.FromPages(new[]
        {
            AmigoModelFactory.Page<ConversationInstance, GetConversationsResponse>([new ConversationInstance { Id = "a", IsFinished = false }], hasMore: true, continuationToken: 1),
            AmigoModelFactory.Page<ConversationInstance, GetConversationsResponse>([new ConversationInstance { Id = "b", IsFinished = false }], hasMore: true, continuationToken: 2),
            AmigoModelFactory.Page<ConversationInstance, GetConversationsResponse>([new ConversationInstance { Id = "c", IsFinished = true }]),
        });

        Assert.That(await TurnSummary.CountOpenAsync(conversations), Is.EqualTo(2));
        var fromSecond = new List<string>();
        await foreach (var page in conversations.AsPages(continuationToken: 1))
            fromSecond.AddRange(page.Items.Select(c => c.Id));
        Assert.That(fromSecond, Is.EqualTo(new[] { "b", "c" }));
    }

    [Test]
    public void A_fake_pageable_that_breaks_the_paging_contract_fails_like_a_real_one()
    {
        var broken = AmigoPageable.FromPages(new[]
        {
            AmigoModelFactory.Page<ConversationInstance, GetConversationsResponse>([new ConversationInstance()], hasMore: true, continuationToken: null),
        }, operation: "get-conversations");

        var error = Assert.ThrowsAsync<AmigoPagingException>(() => TurnSummary.CountOpenAsync(broken));

        Assert.That(error!.Operation, Is.EqualTo("get-conversations"));
    }

    [Test]
    public void Results_and_exceptions_are_built_from_the_public_api()
    {
        var result = AmigoModelFactory.InteractionResult(agentMessage: "Hello", interactionId: "i1", userMessage: "hi", conversationCompleted: true);
        Assert.That((result.AgentMessage, result.InteractionId, result.UserMessage, result.ConversationCompleted), Is.EqualTo(("Hello", "i1", "hi", true)));
        Assert.That(result.AgentActions, Is.Empty);

        var evaluation = AmigoModelFactory.MetricEvaluation("m1", AmigoMetricValue.FromNumber(4), ["msg-1"], "Polite throughout.");
        Assert.That(evaluation.Value.AsNumber(), Is.EqualTo(4));

        var details = AmigoModelFactory.ErrorDetails(detail: "Conversation not found", requestId: "req-1", headers: new Dictionary<string, IReadOnlyList<string>> { ["X-Request-Id"] = ["req-1"] });
        var notFound = new AmigoNotFoundException("No such conversation.", details);
        Assert.That((notFound.StatusCode, notFound.Detail, notFound.RequestId), Is.EqualTo((404, "Conversation not found", "req-1")));
        Assert.That(notFound.Headers["x-request-id"], Is.EqualTo(new[] { "req-1" }));

        var limited = new AmigoRateLimitedException("Slow down.", retryAfter: TimeSpan.FromSeconds(3), rateLimit: AmigoModelFactory.RateLimitInfo("interact-with-conversation", limit: 15, remaining: 0));
        Assert.That((limited.StatusCode, limited.RetryAfter, limited.RateLimit!.Remaining), Is.EqualTo((429, TimeSpan.FromSeconds(3), (int?)0)));

        Exception[] constructed =
        [
            new AmigoBadRequestException("bad"), new AmigoAuthenticationException("who"), new AmigoPermissionDeniedException("no"),
            new AmigoRequestTimeoutException("slow"), new AmigoConflictException("busy"), new AmigoUnsupportedMediaTypeException("media"),
            new AmigoValidationException("invalid"), new AmigoServerException(500, "boom"), new AmigoServiceUnavailableException("later"),
            new AmigoNetworkException("get-conversations", HttpRequestError.ConnectionError),
            new AmigoTimeoutException("get-conversations", TimeSpan.FromSeconds(1)),
            new AmigoDecodeException("get-conversations", 200, "not JSON"),
            new AmigoConfigurationException("OrganizationId", "missing"),
            new AmigoRedirectException("get-conversations", 302, "https://elsewhere.example", "another origin"),
            new AmigoResponseTooLargeException("get-conversations", 200, 1024),
            new AmigoPagingException("get-conversations", 1, 1, 2, "repeated token"),
            new AmigoStreamErrorEventException(503, "overloaded", StreamErrorPhase.BeforeInteractionComplete, "interact-with-conversation", 2, 1, []),
        ];
        Assert.That(constructed, Has.All.InstanceOf<AmigoException>());
        Assert.That(((AmigoApiException)constructed[7]).StatusCode, Is.EqualTo(500));
    }
}
