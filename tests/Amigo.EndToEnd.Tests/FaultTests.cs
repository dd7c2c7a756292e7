using Amigo.Emulator;
using Amigo.Generated;

namespace Amigo.EndToEnd.Tests;

/// <summary>Each fault the emulator injects surfaces as the documented typed exception, or is retried as documented.</summary>
public class FaultTests
{
    private const string Interact = "interact-with-conversation";
    private const string ListConversations = "get-conversations";

    private static async Task<(EmulatorSession Session, string ConversationId)> StartedConversationAsync(Action<AmigoClientOptions>? configure = null)
    {
        var session = await EmulatorSession.StartAsync(configure: configure);
        var created = await session.Client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync();
        return (session, created.ConversationId!);
    }

    private static async Task<List<ConversationEvent>> ReadAsync(IAsyncEnumerable<ConversationEvent> stream, List<ConversationEvent>? into = null)
    {
        into ??= [];
        await foreach (var e in stream) into.Add(e);
        return into;
    }

    [Test]
    public async Task A_GET_answered_503_with_Retry_After_is_retried_and_succeeds()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(2));
        var rule = session.Emulator.Faults.Inject(EmulatorFault.Status(503, retryAfter: TimeSpan.FromMilliseconds(1)), ListConversations);

        await foreach (var _ in session.Client.Conversations.GetConversationsAsync()) { }

        Assert.That(rule.Hits, Is.EqualTo(1));
        Assert.That(session.Emulator.Faults.CallCount(ListConversations), Is.EqualTo(2));
    }

    [TestCase(400, typeof(AmigoBadRequestException))]
    [TestCase(403, typeof(AmigoPermissionDeniedException))]
    [TestCase(404, typeof(AmigoNotFoundException))]
    [TestCase(409, typeof(AmigoConflictException))]
    [TestCase(422, typeof(AmigoValidationException))]
    public async Task An_injected_status_becomes_its_typed_exception(int status, Type expected)
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        session.Emulator.Faults.Inject(EmulatorFault.Status(status, detail: "injected"), Interact);

        var error = Assert.CatchAsync<AmigoApiException>(async () => await session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("hi")).CollectAsync());

        Assert.That(error, Is.InstanceOf(expected));
        Assert.That(error!.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task A_rate_limited_stream_is_not_retried_and_reports_when_to_come_back()
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        session.Emulator.Faults.Inject(EmulatorFault.RateLimited(TimeSpan.FromSeconds(30), limit: 15), Interact);

        var error = Assert.ThrowsAsync<AmigoRateLimitedException>(async () => await session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("hi")).CollectAsync());

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(session.Emulator.Faults.CallCount(Interact), Is.EqualTo(1), "streams are never retried");
    }

    [Test]
    public async Task Rate_limit_headers_are_reported()
    {
        var reported = new List<AmigoRateLimitInfo>();
        await using var session = await EmulatorSession.StartAsync(configure: o => o.RateLimitObserved = info => { lock (reported) reported.Add(info); });
        session.Emulator.Faults.Inject(EmulatorFault.RateLimitHeaders(limit: 15, remaining: 3, reset: TimeSpan.FromSeconds(40)), ListConversations);

        await foreach (var _ in session.Client.Conversations.GetConversationsAsync()) { }

        Assert.That(reported.Any(r => r.Limit == 15 && r.Remaining == 3), Is.True);
    }

    [Test]
    public async Task An_error_event_before_completion_voids_the_interaction()
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        session.Emulator.Faults.Inject(EmulatorFault.ErrorEvent(afterInteractionComplete: false, httpErrorCode: 500), Interact);

        var error = Assert.ThrowsAsync<AmigoStreamErrorEventException>(async () => await ReadAsync(session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("hi"))));

        Assert.That(error!.InteractionVoided, Is.True);
        Assert.That(error.HttpErrorCode, Is.EqualTo(500));
    }

    [Test]
    public async Task An_error_event_after_completion_means_post_processing_failed()
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        session.Emulator.Faults.Inject(EmulatorFault.ErrorEvent(afterInteractionComplete: true, httpErrorCode: 503), Interact);
        var events = new List<ConversationEvent>();

        var error = Assert.ThrowsAsync<AmigoStreamErrorEventException>(async () => await ReadAsync(session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("hi")), events));

        Assert.That(error!.Phase, Is.EqualTo(StreamErrorPhase.AfterInteractionComplete));
        Assert.That(error.ApiError, Is.InstanceOf<AmigoServiceUnavailableException>());
        Assert.That(error.ApiError.StatusCode, Is.EqualTo(503));
        Assert.That(events.OfType<InteractionCompleteEvent>(), Is.Not.Empty, "the completed turn was delivered before the error");
    }

    [Test]
    public async Task A_malformed_line_fails_with_its_line_number_after_the_events_before_it()
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        session.Emulator.Faults.Inject(EmulatorFault.MalformedLine(afterEvents: 2), Interact);
        var events = new List<ConversationEvent>();

        var error = Assert.ThrowsAsync<AmigoStreamException>(async () => await ReadAsync(session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("hi")), events));

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(error!.LineNumber, Is.EqualTo(3));
    }

    [Test]
    public async Task A_dropped_connection_is_a_stream_that_ended_early()
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        session.Emulator.Faults.Inject(EmulatorFault.DropConnection(afterEvents: 3), Interact);
        var events = new List<ConversationEvent>();

        Assert.ThrowsAsync<AmigoStreamEndedEarlyException>(async () => await ReadAsync(session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("hi")), events));
        Assert.That(events, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_stall_trips_the_idle_timeout_and_frees_the_stream()
    {
        var (session, conversationId) = await StartedConversationAsync(o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));
        await using var _ = session;
        var stall = EmulatorFault.Stall(afterEvents: 2);
        session.Emulator.Faults.Inject(stall, Interact);

        Assert.ThrowsAsync<AmigoStreamIdleTimeoutException>(async () => await ReadAsync(session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("hi"))));
        stall.Release();
    }

    [Test]
    public async Task A_slow_drip_of_bytes_still_delivers_every_event()
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        session.Emulator.Faults.Inject(EmulatorFault.SlowDrip(bytesPerWrite: 7, delay: TimeSpan.Zero), Interact);

        var result = await session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("drip")).CollectAsync();

        Assert.That(result.AgentMessage, Does.Contain("drip"));
    }

    [Test]
    public async Task An_expired_token_is_refreshed_transparently()
    {
        var (session, conversationId) = await StartedConversationAsync();
        await using var _ = session;
        await session.Client.Conversations.InteractAsync(conversationId, InteractionInput.Text("before")).CollectAsync();

        session.Emulator.ExpireAllTokens();
        var messages = 0;
        await foreach (var _m in session.Client.Conversations.GetConversationMessagesAsync(conversationId)) messages++;

        Assert.That(messages, Is.GreaterThan(0));
        Assert.That(session.Emulator.Requests.Count(r => r.Path.EndsWith("/signin_with_api_key", StringComparison.Ordinal)), Is.EqualTo(2));
    }
}
