using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

public sealed class FaultTests
{
    [Test]
    public async Task Status_WithRetryAfter_AnswersInsteadOfTheOperation_OnceByDefault()
    {
        await using var session = await StartAsync();
        var rule = session.Emulator.Faults.Inject(EmulatorFault.Status(503, TimeSpan.FromSeconds(1.2)), EmulatorOperations.GetConversations);

        using var faulted = await session.Http.GetAsync($"v1/{session.Org}/conversation/");
        using var next = await session.Http.GetAsync($"v1/{session.Org}/conversation/");

        Assert.That((int)faulted.StatusCode, Is.EqualTo(503));
        Assert.That(faulted.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That((string)(await BodyAsync(faulted))["detail"]!, Does.Contain("maintenance"));
        Assert.That((int)next.StatusCode, Is.EqualTo(200));
        Assert.That(rule.Hits, Is.EqualTo(1));
        Assert.That(rule.FirstHit.IsCompleted);
    }

    [Test]
    public async Task OnCallAndTimes_SelectWhichCallsAreHit()
    {
        await using var session = await StartAsync();
        session.Emulator.Faults.Inject(EmulatorFault.Status(500), EmulatorOperations.GetConversations, onCall: 2, times: 2);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await session.GetAsync("conversation/")).Status);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 200, 500, 500, 200 }));
        Assert.That(session.Emulator.Faults.CallCount(EmulatorOperations.GetConversations), Is.EqualTo(4));
    }

    [Test]
    public async Task RateLimited_And_RateLimitHeaders()
    {
        await using var session = await StartAsync();
        session.Emulator.Faults.Inject(EmulatorFault.RateLimited(TimeSpan.FromSeconds(30), limit: 20), EmulatorOperations.GetConversations);
        session.Emulator.Faults.Inject(EmulatorFault.RateLimitHeaders(20, 7, TimeSpan.FromSeconds(12)), EmulatorOperations.GetConversations);

        using var limited = await session.Http.GetAsync($"v1/{session.Org}/conversation/");
        using var ok = await session.Http.GetAsync($"v1/{session.Org}/conversation/");

        Assert.That((int)limited.StatusCode, Is.EqualTo(429));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(limited.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("0"));
        Assert.That((int)ok.StatusCode, Is.EqualTo(200));
        Assert.That(ok.Headers.GetValues("X-RateLimit-Limit").Single(), Is.EqualTo("20"));
        Assert.That(ok.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("7"));
        Assert.That(ok.Headers.GetValues("X-RateLimit-Reset").Single(), Is.EqualTo("12"));
    }

    [Test]
    public async Task ErrorEventBeforeComplete_EndsTheStream_AndTheInteractionIsNotStored()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        session.Emulator.Faults.Inject(EmulatorFault.ErrorEvent(httpErrorCode: 503, description: "LLM overloaded"), EmulatorOperations.InteractWithConversation);

        var (status, events) = await session.StreamAsync(session.InteractRequest(id, "hello"));
        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(Types(events), Has.None.EqualTo("interaction-complete"));
        Assert.That(events[^1].ToString(Newtonsoft.Json.Formatting.None),
            Is.EqualTo("{\"type\":\"error\",\"http_error_code\":503,\"error_description\":\"LLM overloaded\"}"));
        Assert.That(messages["messages"]!.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task ErrorEventAfterComplete_FollowsInteractionComplete_AndTheInteractionIsStored()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        session.Emulator.Faults.Inject(EmulatorFault.ErrorEvent(afterInteractionComplete: true), EmulatorOperations.InteractWithConversation);

        var (_, events) = await session.StreamAsync(session.InteractRequest(id, "hello"));
        var (_, messages) = await session.GetAsync($"conversation/{id}/messages/");

        Assert.That(Types(events).TakeLast(2), Is.EqualTo(new[] { "interaction-complete", "error" }));
        Assert.That(messages["messages"]!.Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task MalformedLine_AppearsAfterTheGivenEvents_AndTheStreamGoesOn()
    {
        await using var session = await StartAsync();
        session.Emulator.Faults.Inject(EmulatorFault.MalformedLine(afterEvents: 2), EmulatorOperations.CreateConversation);

        using var response = await session.Http.SendAsync(session.CreateRequest(), HttpCompletionOption.ResponseHeadersRead);
        var lines = new List<string>();
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        }

        Assert.That(lines[2], Is.EqualTo("{\"type\": \"new-message\", \"mess"));
        Assert.Throws<Newtonsoft.Json.JsonReaderException>(() => JObject.Parse(lines[2]));
        Assert.That((string)JObject.Parse(lines[^1])["type"]!, Is.EqualTo("interaction-complete"));
    }

    [Test]
    public async Task DropConnection_MidStream_DeliversTheFirstEventsThenFailsTheRead()
    {
        await using var session = await StartAsync();
        session.Emulator.Faults.Inject(EmulatorFault.DropConnection(afterEvents: 3), EmulatorOperations.CreateConversation);

        using var response = await session.Http.SendAsync(session.CreateRequest(), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        Exception? failure = null;
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }

        Assert.That(lines, Has.Count.EqualTo(3));
        Assert.That(lines.Select(l => (string)JObject.Parse(l)["type"]!), Is.EqualTo(new[] { "conversation-created", "current-agent-action", "current-agent-action" }));
        Assert.That(failure, Is.InstanceOf<HttpIOException>());
        Assert.That(((HttpIOException)failure!).HttpRequestError, Is.EqualTo(HttpRequestError.ResponseEnded));
    }

    [Test]
    public async Task DropConnection_BeforeTheResponse_FailsTheRequest()
    {
        await using var session = await StartAsync();
        session.Emulator.Faults.Inject(EmulatorFault.DropConnection(), EmulatorOperations.GetConversations);

        Assert.ThrowsAsync<HttpRequestException>(async () => await session.Http.GetAsync($"v1/{session.Org}/conversation/"));
        Assert.That((await session.GetAsync("conversation/")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Stall_MidStream_HoldsUntilReleased()
    {
        await using var session = await StartAsync();
        var stall = EmulatorFault.Stall(afterEvents: 2);
        session.Emulator.Faults.Inject(stall, EmulatorOperations.CreateConversation);

        using var response = await session.Http.SendAsync(session.CreateRequest(), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.That(await reader.ReadLineAsync().WaitAsync(Guard), Does.Contain("conversation-created"));
        Assert.That(await reader.ReadLineAsync().WaitAsync(Guard), Does.Contain("current-agent-action"));
        await stall.Reached.WaitAsync(Guard);
        var third = reader.ReadLineAsync();

        Assert.That(third.IsCompleted, Is.False);
        stall.Release();
        Assert.That(await third.WaitAsync(Guard), Does.Contain("current-agent-action"));
        Assert.That(await reader.ReadToEndAsync().WaitAsync(Guard), Does.Contain("interaction-complete"));
    }

    [Test]
    public async Task Stall_BeforeTheResponse_EndsWhenTheClientCancels_AndFreesTheConversation()
    {
        await using var session = await StartAsync();
        var stall = EmulatorFault.Stall();
        session.Emulator.Faults.Inject(stall, EmulatorOperations.GetConversations);
        using var cancel = new CancellationTokenSource();

        var pending = session.Http.GetAsync($"v1/{session.Org}/conversation/", cancel.Token);
        await stall.Reached.WaitAsync(Guard);
        Assert.That(pending.IsCompleted, Is.False);
        await cancel.CancelAsync();

        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await session.GetAsync("conversation/")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Stall_IsReleasedWhenTheEmulatorStops()
    {
        var session = await StartAsync();
        var stall = EmulatorFault.Stall();
        session.Emulator.Faults.Inject(stall, EmulatorOperations.GetConversations);

        var pending = session.Http.GetAsync($"v1/{session.Org}/conversation/");
        await stall.Reached.WaitAsync(Guard);
        await session.Emulator.DisposeAsync().AsTask().WaitAsync(Guard);

        Assert.That(stall.IsReleased);
        try
        {
            using var response = await pending.WaitAsync(Guard);
        }
        catch (HttpRequestException)
        {
        }

        session.Http.Dispose();
    }

    [Test]
    public async Task SlowDrip_WritesAFewBytesAtATime_PacedByTheClock()
    {
        var clock = new ManualTimeProvider();
        await using var session = await StartAsync(new AmigoEmulatorOptions { TimeProvider = clock });
        session.Emulator.Faults.Inject(EmulatorFault.SlowDrip(bytesPerWrite: 8, delay: TimeSpan.FromSeconds(1)), EmulatorOperations.GetConversations);

        using var response = await session.Http.GetAsync($"v1/{session.Org}/conversation/", HttpCompletionOption.ResponseHeadersRead);
        using var stream = await response.Content.ReadAsStreamAsync();
        var length = (int)response.Content.Headers.ContentLength!.Value;
        var buffer = new byte[4096];
        var body = new MemoryStream();
        var chunks = 0;
        Task<int>? pending = null;
        while (body.Length < length)
        {
            Assert.That(await clock.NextTimerAsync().WaitAsync(Guard), Is.EqualTo(TimeSpan.FromSeconds(1)));
            chunks++;
            var expected = Math.Min(chunks * 8, length);
            while (body.Length < expected)
            {
                var read = await (pending ?? stream.ReadAsync(buffer).AsTask()).WaitAsync(Guard);
                pending = null;
                Assert.That(body.Length + read, Is.LessThanOrEqualTo(expected), "no byte arrives before its turn");
                body.Write(buffer, 0, read);
            }

            if (body.Length < length)
            {
                pending = stream.ReadAsync(buffer).AsTask();
                Assert.That(pending.IsCompleted, Is.False, "the server waits for the clock before the next bytes");
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(chunks, Is.EqualTo((length + 7) / 8));
        Assert.That(Parse(System.Text.Encoding.UTF8.GetString(body.ToArray()))["has_more"]!.Type, Is.EqualTo(JTokenType.Boolean));
    }

    [Test]
    public async Task StreamOnlyFaults_DoNotHitPlainOperations()
    {
        await using var session = await StartAsync();
        var rule = session.Emulator.Faults.Inject(EmulatorFault.ErrorEvent());

        var (plain, _) = await session.GetAsync("conversation/");
        var (_, events) = await session.StreamAsync(session.CreateRequest());

        Assert.That(plain, Is.EqualTo(200));
        Assert.That((string)events[^1]["type"]!, Is.EqualTo("error"));
        Assert.That(rule.Hits, Is.EqualTo(1));
        Assert.Throws<ArgumentException>(() => session.Emulator.Faults.Inject(EmulatorFault.Status(500), "no-such-operation"));
    }

    [Test]
    public async Task EventDelay_PacesTheStream_OnTheConfiguredClock()
    {
        var clock = new ManualTimeProvider();
        await using var session = await StartAsync(new AmigoEmulatorOptions { EventDelay = TimeSpan.FromSeconds(5), TimeProvider = clock });

        using var response = await session.Http.SendAsync(session.CreateRequest(), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.That(await reader.ReadLineAsync().WaitAsync(Guard), Does.Contain("conversation-created"));
        var due = await clock.NextTimerAsync().WaitAsync(Guard);
        var second = reader.ReadLineAsync();

        Assert.That(due, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(second.IsCompleted, Is.False, "the second event waits for the pacing delay");
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(await second.WaitAsync(Guard), Does.Contain("current-agent-action"));
    }

    [Test]
    public async Task ClientCancellingMidStream_FreesTheStreamAndTheConversation()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        var stall = EmulatorFault.Stall(afterEvents: 2);
        session.Emulator.Faults.Inject(stall, EmulatorOperations.InteractWithConversation);
        using var cancel = new CancellationTokenSource();

        using (var response = await session.Http.SendAsync(session.InteractRequest(id, "hello"), HttpCompletionOption.ResponseHeadersRead, cancel.Token))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            Assert.That(await reader.ReadLineAsync(cancel.Token), Does.Contain("user-message-available"));
            Assert.That(await reader.ReadLineAsync(cancel.Token), Does.Contain("current-agent-action"));
            await stall.Reached.WaitAsync(Guard);
            Assert.That(session.Emulator.ActiveStreams, Is.EqualTo(1));
            var pending = reader.ReadLineAsync(cancel.Token).AsTask();
            await cancel.CancelAsync();
            Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
        }

        await session.Emulator.WhenStreamsIdleAsync().WaitAsync(Guard);
        var again = await session.InteractAsync(id, "still there?");

        Assert.That(stall.IsReleased, Is.False, "the stream ended because the client left, not because the stall was released");
        Assert.That((string)again[^1]["type"]!, Is.EqualTo("interaction-complete"));
    }

    [Test]
    public async Task KeepAliveConnections_AreReused_AndCounted()
    {
        await using var session = await StartAsync();
        var before = session.Emulator.TotalConnections;

        for (var i = 0; i < 5; i++)
        {
            await session.GetAsync("conversation/");
        }

        Assert.That(session.Emulator.TotalConnections, Is.EqualTo(before));
        Assert.That(session.Emulator.OpenConnections, Is.EqualTo(1));
    }
}
