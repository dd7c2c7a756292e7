using System.Net;
using Amigo.Generated;
using Amigo.Tests.Resources;
using Amigo.Tests.Support;

namespace Amigo.Tests.Paging;

[TestFixture]
public sealed class PagingTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private RecordingApi _api = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new RecordingApi();

        // Three pages: (no token) → 1,2 → token 10 → 3,4 → token 20 → 5 (last).
        _api.Responder = (request, _) => Task.FromResult(AmigoTestHost.Json(HttpStatusCode.OK, TokenOf(request) switch
        {
            null => MessagesPage([1, 2], true, 10),
            "10" => MessagesPage([3, 4], true, 20),
            "20" => MessagesPage([5], false, null),
            var other => throw new AssertionException($"Unexpected continuation token {other}."),
        }));
    }

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task AwaitForeach_WalksThreePages_InOrder_AndStopsWhenHasMoreIsFalse()
    {
        var ids = new List<string>();
        await foreach (var message in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
        {
            ids.Add(message.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }.Select(Samples.Id)));
        Assert.That(_api.Requests.Select(TokenOf), Is.EqualTo(new string?[] { null, "10", "20" }));
    }

    [Test]
    public async Task AsPages_ExposesEachPage_WithItsTokenHasMoreAndResponse()
    {
        var pages = new List<AmigoPage<MessageInstance, GetConversationMessagesResponse>>();
        await foreach (var page in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId).AsPages())
        {
            pages.Add(page);
        }

        Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(pages.Select(p => p.ContinuationToken), Is.EqualTo(new int?[] { 10, 20, null }));
        Assert.That(pages.Select(p => p.HasMore), Is.EqualTo(new[] { true, true, false }));
        Assert.That(pages[1].Response.Messages[0].Id, Is.EqualTo(Samples.Id(3)));
        Assert.That(pages.Select(p => p.RawResponse?.Status), Is.All.EqualTo(HttpStatusCode.OK), "each page carries its own raw response");
        Assert.That(pages.Select(p => p.RawResponse), Is.Unique);
    }

    [Test]
    public void NothingIsRequested_UntilEnumerationStarts()
    {
        var pageable = _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId);
        _ = pageable.AsPages();

        Assert.That(_api.Requests, Is.Empty);
    }

    [Test]
    public async Task BreakingEarly_FetchesNoFurtherPage()
    {
        await foreach (var message in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
        {
            if (message.Id == Samples.Id(2))
            {
                break;
            }
        }

        Assert.That(_api.Requests, Has.Count.EqualTo(1));

        await foreach (var page in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId).AsPages())
        {
            break;
        }

        Assert.That(_api.Requests, Has.Count.EqualTo(2), "the second walk stopped after its first page too");
    }

    [Test]
    public async Task ResumingFromASavedToken_StartsAtThatPage_WithTheSameFilters()
    {
        var options = new GetConversationMessagesOptions { MessageType = [MessageType.AgentMessage], PageSize = 2 };
        int? saved;
        await using (var pages = _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId, options).AsPages().GetAsyncEnumerator())
        {
            Assert.That(await pages.MoveNextAsync(), Is.True);
            saved = pages.Current.ContinuationToken;
        }

        var resumed = new List<string>();
        await foreach (var page in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId, options).AsPages(saved))
        {
            resumed.AddRange(page.Items.Select(m => m.Id));
        }

        Assert.That(saved, Is.EqualTo(10));
        Assert.That(resumed, Is.EqualTo(new[] { 3, 4, 5 }.Select(Samples.Id)));
        var requests = _api.Requests.ToArray();
        Assert.That(requests.Select(TokenOf), Is.EqualTo(new string?[] { null, "10", "20" }));
        Assert.That(requests.Select(r => r.Query), Has.All.Contains("message_type=agent-message").And.All.Contains("limit=2"));
    }

    [Test]
    public async Task PageSizeHint_OverridesTheOptionsPageSize()
    {
        var options = new GetConversationMessagesOptions { PageSize = 2 };
        await foreach (var _ in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId, options).AsPages(pageSizeHint: 7))
        {
        }

        Assert.That(_api.Requests.Select(r => r.Query), Has.All.Contains("limit=7"));
    }

    [Test]
    public void PageSizeHint_OutsideTheOperationsRange_IsRejectedAtTheCall()
    {
        var pageable = _api.Client.DynamicBehaviorSets.GetDynamicBehaviorSetVersionsAsync(RecordingApi.SetId);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pageable.AsPages(pageSizeHint: 11));
        Assert.That(error!.ParamName, Is.EqualTo("pageSizeHint"));
        Assert.Throws<ArgumentOutOfRangeException>(() => pageable.AsPages(continuationToken: -1));
        Assert.That(_api.Requests, Is.Empty);
    }

    [Test]
    public async Task CancellingBetweenPages_StopsBeforeTheNextRequest()
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var message in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId).WithCancellation(cts.Token))
            {
                seen.Add(message.Id);
                if (seen.Count == 2)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.That(seen, Has.Count.EqualTo(2));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
        await Task.CompletedTask;
    }

    [Test]
    public void TheMethodsToken_CancelsTheWalkToo()
    {
        using var cts = new CancellationTokenSource();
        var pageable = _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId, cancellationToken: cts.Token);

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in pageable.AsPages())
            {
                cts.Cancel();
            }
        });

        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CancellingDuringAPageRequest_AbortsThatRequest()
    {
        var secondRequestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRequestCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.Responder = async (request, cancellationToken) =>
        {
            if (TokenOf(request) is null)
            {
                return AmigoTestHost.Json(HttpStatusCode.OK, MessagesPage([1], true, 10));
            }

            secondRequestArrived.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                secondRequestCancelled.TrySetResult();
            }

            throw new AssertionException("unreachable");
        };

        using var cts = new CancellationTokenSource();
        var walk = Task.Run(async () =>
        {
            await foreach (var _ in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId).WithCancellation(cts.Token))
            {
            }
        });

        await secondRequestArrived.Task.WaitAsync(Guard);
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => walk.WaitAsync(Guard));
        await secondRequestCancelled.Task.WaitAsync(Guard);
    }

    [Test]
    public async Task RepeatedToken_StopsTheWalkWithAPagingError_AfterDeliveringTheGoodPages()
    {
        _api.Responder = (request, _) => Task.FromResult(AmigoTestHost.Json(HttpStatusCode.OK, TokenOf(request) switch
        {
            null => MessagesPage([1], true, 10),
            "10" => MessagesPage([2], true, 20),
            // Goes back to 10, which would loop forever; past a few laps the fake ends the list, so that a walk
            // without loop detection finishes (and fails the assertions) instead of hanging.
            _ => _api.Requests.Count > 10 ? MessagesPage([3], false, null) : MessagesPage([3], true, 10),
        }));

        var seen = new List<string>();
        var error = Assert.ThrowsAsync<AmigoPagingException>(async () =>
        {
            await foreach (var message in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
            {
                seen.Add(message.Id);
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { 1, 2, 3 }.Select(Samples.Id)));
        Assert.That(_api.Requests, Has.Count.EqualTo(3));
        Assert.That(error, Is.InstanceOf<AmigoException>());
        Assert.That(error!.Operation, Is.EqualTo("get-conversation-messages"));
        Assert.That(error.RequestToken, Is.EqualTo(20));
        Assert.That(error.ReturnedToken, Is.EqualTo(10));
        Assert.That(error.PageNumber, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("get-conversation-messages").And.Contain("has_more=true").And.Contain("already requested"));
        await Task.CompletedTask;
    }

    [Test]
    public void SameTokenAsTheRequest_StopsTheWalk()
    {
        _api.Responder = (_, _) => Task.FromResult(AmigoTestHost.Json(HttpStatusCode.OK, _api.Requests.Count > 10 ? MessagesPage([1], false, null) : MessagesPage([1], true, 0)));

        var error = Assert.ThrowsAsync<AmigoPagingException>(async () =>
        {
            await foreach (var _ in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
            {
            }
        });

        Assert.That(error!.ReturnedToken, Is.EqualTo(0));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void MissingToken_WithHasMore_StopsTheWalkWithAPagingError()
    {
        _api.Responder = (_, _) => Task.FromResult(AmigoTestHost.Json(HttpStatusCode.OK, MessagesPage([1], true, null)));

        var error = Assert.ThrowsAsync<AmigoPagingException>(async () =>
        {
            await foreach (var _ in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
            {
            }
        });

        Assert.That(error!.ReturnedToken, Is.Null);
        Assert.That(error.Message, Does.Contain("no continuation token"));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task EmptyPageWithHasMore_IsWalkedPast()
    {
        _api.Responder = (request, _) => Task.FromResult(AmigoTestHost.Json(HttpStatusCode.OK, TokenOf(request) switch
        {
            null => MessagesPage([], true, 10),
            _ => MessagesPage([7], false, null),
        }));

        var ids = new List<string>();
        await foreach (var message in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
        {
            ids.Add(message.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { Samples.Id(7) }));
    }

    [Test]
    public async Task EachEnumeration_StartsANewWalk()
    {
        var pageable = _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId);
        var first = 0;
        await foreach (var _ in pageable)
        {
            first++;
        }

        var second = 0;
        await foreach (var _ in pageable)
        {
            second++;
        }

        Assert.That((first, second), Is.EqualTo((5, 5)));
        Assert.That(_api.Requests, Has.Count.EqualTo(6));
    }

    [Test]
    public void AnApiErrorOnALaterPage_SurfacesAsItsTypedException()
    {
        _api.Responder = (request, _) => Task.FromResult(TokenOf(request) is null
            ? AmigoTestHost.Json(HttpStatusCode.OK, MessagesPage([1], true, 10))
            : AmigoTestHost.Json(HttpStatusCode.NotFound, """{"detail":"Conversation not found."}"""));

        var error = Assert.ThrowsAsync<AmigoNotFoundException>(async () =>
        {
            await foreach (var _ in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
            {
            }
        });

        Assert.That(error!.Operation, Is.EqualTo("get-conversation-messages"));
    }

    [Test]
    public async Task ThePageableBaseType_WalksPagesToo()
    {
        AmigoPageable<MessageInstance> pageable = _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId);
        var tokens = new List<int?>();
        await foreach (var page in pageable.AsPages())
        {
            tokens.Add(page.ContinuationToken);
        }

        Assert.That(tokens, Is.EqualTo(new int?[] { 10, 20, null }));
    }

    [Test]
    public async Task EarlierPages_AreNotRetained_WhileTheWalkGoesOn()
    {
        WeakReference? firstItem = null;
        bool? firstItemAliveDuringThirdRequest = null;
        var pages = _api.Responder;
        _api.Responder = (request, cancellationToken) =>
        {
            if (TokenOf(request) == "20")
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                firstItemAliveDuringThirdRequest = firstItem!.IsAlive;
            }

            return pages(request, cancellationToken);
        };

        await foreach (var message in _api.Client.Conversations.GetConversationMessagesAsync(RecordingApi.ConversationId))
        {
            firstItem ??= new WeakReference(message);
        }

        Assert.That(firstItemAliveDuringThirdRequest, Is.False, "page 1 must be collectable while page 3 is requested");
    }

    private static string? TokenOf(RecordedRequest request) =>
        request.QueryPairs.Where(p => p.Name == "continuation_token").Select(p => p.Value).SingleOrDefault();

    private static string MessagesPage(int[] ids, bool hasMore, int? token) =>
        Samples.Page("messages", ids.Select(i => Samples.Message(Samples.Id(i))), hasMore, token);
}
