using Amigo.Generated;

namespace Amigo.Tests.Resources;

/// <summary>Every rule the spec constrains fails at the call, names the parameter, and sends nothing.</summary>
[TestFixture]
public sealed partial class ValidationTests
{
    private const string Good = RecordingApi.ConversationId;

    private RecordingApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new RecordingApi();

    [TearDown]
    public void TearDown()
    {
        Assert.That(_api.Requests, Is.Empty, "an invalid call must not reach the server");
        _api.Dispose();
    }

    private AmigoClient Client => _api.Client;

    [TestCase("0123456789ABCDEF01234567", TestName = "Id_Uppercase")]
    [TestCase("0123456789abcdef0123456", TestName = "Id_TooShort")]
    [TestCase("0123456789abcdef012345678", TestName = "Id_TooLong")]
    [TestCase("0123456789abcdef0123456g", TestName = "Id_NotHex")]
    [TestCase("", TestName = "Id_Empty")]
    [TestCase("../../admin/aaaaaaaaaaaaa", TestName = "Id_PathTraversal")]
    public void MalformedIds_AreRejected_NamingTheParameter(string id)
    {
        AssertParam(() => Client.Conversations.FinishConversationAsync(id), "conversationId");
        AssertParam(() => Client.Conversations.GetInteractionInsightsAsync(Good, id), "interactionId");
        AssertParam(() => Client.Conversations.GetMessageSourceAsync(Good, id), "messageId");
        AssertParam(() => Client.Conversations.RecommendResponsesForInteractionAsync(id, Good), "conversationId");
        AssertModifyTagsRejects(id);
        AssertParam(() => Client.Conversations.GetConversationMessagesAsync(id), "conversationId");
        AssertParam(() => Client.Conversations.InteractAsync(id, InteractionInput.Text("hi")), "conversationId");
        AssertParam(() => Client.DynamicBehaviorSets.DeleteDynamicBehaviorInstructionAsync(id), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.UpdateAsync(id, new DynamicBehaviorSetUpdate()), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetVersionsAsync(id), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.GetDynamicBehaviorInvocationsAsync(id), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(id, Version()), "dynamicBehaviorSetId");
        AssertParam(() => Client.Conversations.GetConversationsAsync(new GetConversationsOptions { ServiceId = [Good, id] }), "options.ServiceId[1]");
        AssertParam(() => Client.Conversations.GetConversationsAsync(new GetConversationsOptions { Id = [id] }), "options.Id[0]");
        AssertParam(() => Client.Conversations.GetConversationMessagesAsync(Good, new GetConversationMessagesOptions { InteractionId = [id] }), "options.InteractionId[0]");
        AssertParam(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync(new GetDynamicBehaviorSetsOptions { AppliedToService = [id] }), "options.AppliedToService[0]");
        AssertParam(() => Client.DynamicBehaviorSets.SearchDynamicBehaviorSetsAsync("q", new SearchDynamicBehaviorSetsOptions { AppliedToService = [id] }), "options.AppliedToService[0]");

        // A request body is checked with its generated type's attributes, whose pattern check lets an empty string through.
        if (id.Length > 0)
        {
            AssertParam(() => Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [RecordingApi.MetricA], ConversationId = id }), "request.ConversationId");
            AssertParam(() => Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [RecordingApi.MetricA], ConversationId = Good, EvaluateToInteractionId = id }), "request.EvaluateToInteractionId");
            AssertParam(() => Client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = id }), "request.ServiceId");
        }
    }

    [Test]
    public void NullIds_AreRejected_AsArgumentNull()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Client.Conversations.FinishConversationAsync(null!));
        Assert.That(error!.ParamName, Is.EqualTo("conversationId"));
        error = Assert.Throws<ArgumentNullException>(() => Client.Conversations.GetMessageSourceAsync(null!, Good));
        Assert.That(error!.ParamName, Is.EqualTo("conversationId"));
    }

    [Test]
    public void PageSizes_OutsideEachOperationsRange_AreRejected()
    {
        AssertRange(() => Client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = 0 }));
        AssertRange(() => Client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = 151 }));
        AssertRange(() => Client.Conversations.GetConversationMessagesAsync(Good, new GetConversationMessagesOptions { PageSize = 0 }));
        AssertRange(() => Client.Conversations.GetConversationMessagesAsync(Good, new GetConversationMessagesOptions { PageSize = 501 }));
        AssertRange(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync(new GetDynamicBehaviorSetsOptions { PageSize = -1 })); // the spec allows 0 here
        AssertRange(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync(new GetDynamicBehaviorSetsOptions { PageSize = 51 }));
        AssertRange(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetVersionsAsync(RecordingApi.SetId, new GetDynamicBehaviorSetVersionsOptions { PageSize = 0 }));
        AssertRange(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetVersionsAsync(RecordingApi.SetId, new GetDynamicBehaviorSetVersionsOptions { PageSize = 11 }));
        AssertRange(() => Client.DynamicBehaviorSets.GetDynamicBehaviorInvocationsAsync(RecordingApi.SetId, new GetDynamicBehaviorInvocationsOptions { PageSize = 0 }));
        AssertRange(() => Client.DynamicBehaviorSets.GetDynamicBehaviorInvocationsAsync(RecordingApi.SetId, new GetDynamicBehaviorInvocationsOptions { PageSize = 31 }));

        Assert.DoesNotThrow(() => Client.Conversations.GetConversationsAsync(new GetConversationsOptions { PageSize = 150 }));
        Assert.DoesNotThrow(() => Client.Conversations.GetConversationMessagesAsync(Good, new GetConversationMessagesOptions { PageSize = 500 }));
        Assert.DoesNotThrow(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync(new GetDynamicBehaviorSetsOptions { PageSize = 50 }));
        Assert.DoesNotThrow(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync(new GetDynamicBehaviorSetsOptions { PageSize = 0 }));
        Assert.DoesNotThrow(() => Client.DynamicBehaviorSets.GetDynamicBehaviorSetVersionsAsync(RecordingApi.SetId, new GetDynamicBehaviorSetVersionsOptions { PageSize = 10 }));
        Assert.DoesNotThrow(() => Client.DynamicBehaviorSets.GetDynamicBehaviorInvocationsAsync(RecordingApi.SetId, new GetDynamicBehaviorInvocationsOptions { PageSize = 1 }));

        static void AssertRange(TestDelegate call)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.That(error!.ParamName, Is.EqualTo("options.PageSize"));
        }
    }

    [Test]
    public void MetricIds_MustBeOneToTenIds()
    {
        AssertParam(() => Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [], ConversationId = Good }), "request.MetricIds");
        var eleven = Enumerable.Range(1, 11).Select(Samples.Id).ToList();
        AssertParam(() => Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = eleven, ConversationId = Good }), "request.MetricIds");
        Assert.Throws<ArgumentNullException>(() => Client.Metrics.EvaluateAsync(null!));
    }

    [Test]
    public void Search_RequiresANonEmptyQuery()
    {
        AssertParam(() => Client.DynamicBehaviorSets.SearchDynamicBehaviorSetsAsync(""), "query");
        Assert.Throws<ArgumentNullException>(() => Client.DynamicBehaviorSets.SearchDynamicBehaviorSetsAsync(null!));
    }

    [Test]
    public void CreateVersion_ExpectedVersionMustBeTwoOrMore_AndTriggersOneToFifty()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(RecordingApi.SetId, Version(), new CreateDynamicBehaviorSetVersionOptions { Version = 1 }));
        Assert.That(error!.ParamName, Is.EqualTo("options.Version"));

        AssertParam(() => Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(RecordingApi.SetId, WithoutActions(new CreateDynamicBehaviorSetVersionRequest { ConversationTriggers = [] })), "request.ConversationTriggers");
        var tooMany = Enumerable.Range(0, 51).Select(i => $"t{i}").ToList();
        AssertParam(() => Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(RecordingApi.SetId, WithoutActions(new CreateDynamicBehaviorSetVersionRequest { ConversationTriggers = tooMany })), "request.ConversationTriggers");
    }

    [Test]
    public void Create_ChecksItsRequiredFields()
    {
        var request = Set(new Dictionary<string, string?>());
        request.Name = " ";
        AssertParam(() => Client.DynamicBehaviorSets.CreateDynamicBehaviorSetAsync(request), "request.Name");

        request = Set(new Dictionary<string, string?>());
        request.AppliedToServices = null!;
        AssertParam(() => Client.DynamicBehaviorSets.CreateDynamicBehaviorSetAsync(request), "request.AppliedToServices");
    }

    [Test]
    public void Update_AnEmptyName_IsRejected()
    {
        AssertParam(() => Client.DynamicBehaviorSets.UpdateAsync(RecordingApi.SetId, new DynamicBehaviorSetUpdate { Name = "" }), "update.Name");
    }

    [Test]
    public void GenerateStarters_ChecksItsRequest()
    {
        AssertParam(() => Client.Conversations.GenerateConversationStarterAsync(Starter(s => s.ServiceId = "x")), "request.ServiceId");
        AssertParam(() => Client.Conversations.GenerateConversationStarterAsync(Starter(s => s.Facets = [])), "request.Facets");
        AssertParam(() => Client.Conversations.GenerateConversationStarterAsync(Starter(s => s.MinCount = 0)), "request.MinCount");
        AssertParam(() => Client.Conversations.GenerateConversationStarterAsync(Starter(s => s.MaxCount = 11)), "request.MaxCount");
    }

    [Test]
    public void RecommendResponses_AnEmptyContext_IsRejected()
    {
        AssertParam(() => Client.Conversations.RecommendResponsesForInteractionAsync(Good, Good, new RecommendResponsesForInteractionRequest { Context = "" }), "request.Context");
    }

    private static void AssertParam(Func<object> call, string paramName, string? messagePart = null)
    {
        var error = Assert.Catch<ArgumentException>(() => call());
        Assert.That(error!.ParamName, Is.EqualTo(paramName), error.Message);
        if (messagePart is not null)
        {
            Assert.That(error.Message, Does.Contain(messagePart));
        }
    }

    private static CreateDynamicBehaviorSetVersionRequest Version() => WithoutActions(new CreateDynamicBehaviorSetVersionRequest { ConversationTriggers = ["refund"] });

    private static CreateDynamicBehaviorSetVersionRequest WithoutActions(CreateDynamicBehaviorSetVersionRequest version)
    {
        NoActions(version);
        return version;
    }

    private static CreateDynamicBehaviorSetRequestInitialVersion WithoutActions(CreateDynamicBehaviorSetRequestInitialVersion version)
    {
        NoActions(version);
        return version;
    }

    /// <summary>The newest release's behavior-set actions, required there: none (ValidationTests.Actions.cs).</summary>
    static partial void NoActions(CreateDynamicBehaviorSetVersionRequest version);

    /// <inheritdoc cref="NoActions(CreateDynamicBehaviorSetVersionRequest)"/>
    static partial void NoActions(CreateDynamicBehaviorSetRequestInitialVersion version);

    /// <summary>The newest release's modify-tags-of-conversation checks its id too (ValidationTests.Tags.cs).</summary>
    partial void AssertModifyTagsRejects(string id);

    private static CreateDynamicBehaviorSetRequest Set(Dictionary<string, string?> tags) => new()
    {
        Name = "Refunds",
        Tags = tags,
        AppliedToServices = [],
        InitialVersion = WithoutActions(new CreateDynamicBehaviorSetRequestInitialVersion { IsActive = false, ConversationTriggers = ["refund"] }),
    };

    private static GenerateConversationStarterRequest Starter(Action<GenerateConversationStarterRequest> change)
    {
        var request = new GenerateConversationStarterRequest
        {
            ServiceId = RecordingApi.ServiceId,
            Facets = ["account"],
            MinCount = 1,
            MaxCount = 2,
            GenerationInstructions = "Short.",
        };
        change(request);
        return request;
    }
}
