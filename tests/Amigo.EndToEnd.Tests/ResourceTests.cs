using Amigo.Generated;

namespace Amigo.EndToEnd.Tests;

/// <summary>Dynamic behavior sets, metrics and paging, through the SDK, against the emulator.</summary>
public partial class ResourceTests
{
    private static CreateDynamicBehaviorSetRequest NewSet(string name)
    {
        var initialVersion = new CreateDynamicBehaviorSetRequestInitialVersion
        {
            IsActive = true,
            ConversationTriggers = ["the user asks about refunds"],
        };
        WithInstruction(initialVersion, "Explain the refund policy.");
        return new()
        {
            Name = name,
            Tags = new Dictionary<string, string?> { ["team"] = "support" },
            AppliedToServices = [EmulatorSession.ServiceId],
            InitialVersion = initialVersion,
        };
    }

    private static CreateDynamicBehaviorSetVersionRequest NewVersion(string instruction)
    {
        var version = new CreateDynamicBehaviorSetVersionRequest { ConversationTriggers = ["refund"] };
        WithInstruction(version, instruction);
        return version;
    }

    /// <summary>The newest release's behavior-set actions (ResourceTests.DynamicBehaviorActions.cs): an instruction to inject.</summary>
    static partial void WithInstruction(CreateDynamicBehaviorSetRequestInitialVersion version, string instruction);

    /// <inheritdoc cref="WithInstruction(CreateDynamicBehaviorSetRequestInitialVersion, string)"/>
    static partial void WithInstruction(CreateDynamicBehaviorSetVersionRequest version, string instruction);

    /// <summary>The versions listed carry the instructions injected (ResourceTests.DynamicBehaviorActions.cs).</summary>
    static partial void AssertInstructions(IReadOnlyList<DynamicBehaviorSetVersion> versions);

    [Test]
    public async Task Dynamic_behavior_sets_through_their_whole_life()
    {
        await using var session = await EmulatorSession.StartAsync();
        var sets = session.Client.DynamicBehaviorSets;

        var created = await sets.CreateDynamicBehaviorSetAsync(NewSet("Refunds"));
        var id = created.DynamicBehaviorSetId;

        await sets.UpdateAsync(id, new DynamicBehaviorSetUpdate { Name = "Refund policy" });
        var version = await sets.CreateDynamicBehaviorSetVersionAsync(id, NewVersion("Offer store credit first."), new CreateDynamicBehaviorSetVersionOptions { Version = 2 });
        Assert.That(version.NewVersionNumber, Is.EqualTo(2));
        Assert.ThrowsAsync<AmigoBadRequestException>(() => sets.CreateDynamicBehaviorSetVersionAsync(id, NewVersion("x"), new CreateDynamicBehaviorSetVersionOptions { Version = 7 }));

        var versions = new List<DynamicBehaviorSetVersion>();
        await foreach (var v in sets.GetDynamicBehaviorSetVersionsAsync(id)) versions.Add(v);
        Assert.That(versions, Has.Count.EqualTo(2));
        AssertInstructions(versions);

        var listed = new List<DynamicBehaviorSetInstance>();
        await foreach (var s in sets.GetDynamicBehaviorSetsAsync()) listed.Add(s);
        Assert.That(listed.Single().Name, Is.EqualTo("Refund policy"));

        var found = await sets.SearchDynamicBehaviorSetsAsync("refund");
        Assert.That(found.DynamicBehaviorSets.Select(s => s.Id), Does.Contain(id));

        var invocations = new List<DynamicBehaviorInvocation>();
        await foreach (var i in sets.GetDynamicBehaviorInvocationsAsync(id)) invocations.Add(i);
        Assert.That(invocations, Is.Not.Null);

        await sets.DeleteDynamicBehaviorInstructionAsync(id);
        Assert.ThrowsAsync<AmigoNotFoundException>(() => sets.DeleteDynamicBehaviorInstructionAsync(id));
    }

    [Test]
    public async Task Metrics_evaluate_to_typed_values()
    {
        await using var session = await EmulatorSession.StartAsync();
        var created = await session.Client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync();
        await session.Client.Conversations.InteractAsync(created.ConversationId!, InteractionInput.Text("hello")).CollectAsync();
        session.Emulator.SetMetricValue("aaaaaaaaaaaaaaaaaaaaaaa1", 4.5);
        session.Emulator.SetMetricValue("aaaaaaaaaaaaaaaaaaaaaaa2", true);
        session.Emulator.SetMetricValue("aaaaaaaaaaaaaaaaaaaaaaa3", "good");
        session.Emulator.SetMetricValue("aaaaaaaaaaaaaaaaaaaaaaa4", null);

        var results = await session.Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest
        {
            MetricIds = ["aaaaaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaaaaa2", "aaaaaaaaaaaaaaaaaaaaaaa3", "aaaaaaaaaaaaaaaaaaaaaaa4"],
            ConversationId = created.ConversationId!,
        });

        Assert.That(results.Select(r => r.Value.Kind), Is.EqualTo(new[] { MetricValueKind.Number, MetricValueKind.Boolean, MetricValueKind.String, MetricValueKind.Null }));
        Assert.That(results[0].Value.TryGetNumber(out var number) && number == 4.5, Is.True);
        Assert.That(results[1].Value.TryGetBoolean(out var flag) && flag, Is.True);
        Assert.That(results[2].Value.TryGetString(out var text) && text == "good", Is.True);
        Assert.That(results[3].Value.IsNull, Is.True);
    }

    [Test]
    public async Task Paging_walks_a_thousand_conversations_lazily()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.SeedConversations(1000);
        session.Emulator.ClearRequests();

        var seen = new HashSet<string>();
        await foreach (var conversation in session.Client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = 100 }))
            Assert.That(seen.Add(conversation.Id), Is.True, $"{conversation.Id} came twice");
        Assert.That(seen, Has.Count.EqualTo(1000));
        Assert.That(session.Emulator.Requests.Count(r => r.Path.EndsWith("/conversation/", StringComparison.Ordinal)), Is.EqualTo(10));

        session.Emulator.ClearRequests();
        int? resumeFrom = null;
        await foreach (var page in session.Client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = 100 }).AsPages())
        {
            resumeFrom = page.ContinuationToken;
            break;
        }
        Assert.That(session.Emulator.Requests.Count(r => r.Path.EndsWith("/conversation/", StringComparison.Ordinal)), Is.EqualTo(1), "breaking out fetches no further page");

        var rest = 0;
        await foreach (var page in session.Client.Conversations.GetConversationsAsync().AsPages(resumeFrom, pageSizeHint: 100))
            rest += page.Items.Count;
        Assert.That(rest, Is.EqualTo(900));
    }
}
