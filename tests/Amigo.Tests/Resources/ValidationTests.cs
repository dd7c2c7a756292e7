using Amigo.Generated;

namespace Amigo.Tests.Resources;

/// <summary>Every rule the spec constrains fails at the call, names the parameter, and sends nothing.</summary>
[TestFixture]
public sealed class ValidationTests
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
        AssertParam(() => Client.Conversations.RecommendResponsesAsync(id, Good), "conversationId");
        AssertParam(() => Client.Conversations.ModifyTagsAsync(id, deletes: ["x"]), "conversationId");
        AssertParam(() => Client.Conversations.GetMessagesAsync(id), "conversationId");
        AssertParam(() => Client.DynamicBehaviorSets.DeleteDynamicBehaviorInstructionAsync(id), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.UpdateAsync(id, new DynamicBehaviorSetUpdate()), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.ListVersionsAsync(id), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.ListInvocationsAsync(id), "dynamicBehaviorSetId");
        AssertParam(() => Client.DynamicBehaviorSets.CreateVersionAsync(id, Version()), "dynamicBehaviorSetId");
        AssertParam(() => Client.Metrics.EvaluateAsync([RecordingApi.MetricA], id), "conversationId");
        AssertParam(() => Client.Metrics.EvaluateAsync([RecordingApi.MetricA], Good, id), "evaluateToInteractionId");
        AssertParam(() => Client.Metrics.EvaluateAsync([id], Good), "metricIds[0]");
        AssertParam(() => Client.Conversations.ListAsync(new ConversationListOptions { ServiceIds = [Good, id] }), "options.ServiceIds[1]");
        AssertParam(() => Client.Conversations.ListAsync(new ConversationListOptions { Ids = [id] }), "options.Ids[0]");
        AssertParam(() => Client.Conversations.GetMessagesAsync(Good, new ConversationMessageListOptions { InteractionIds = [id] }), "options.InteractionIds[0]");
        AssertParam(() => Client.DynamicBehaviorSets.ListAsync(new DynamicBehaviorSetListOptions { AppliedToServices = [id] }), "options.AppliedToServices[0]");
        AssertParam(() => Client.DynamicBehaviorSets.SearchAsync("q", new DynamicBehaviorSetSearchOptions { AppliedToServices = [id] }), "options.AppliedToServices[0]");
        AssertParam(() => Client.DynamicBehaviorSets.UpdateAsync(RecordingApi.SetId, new DynamicBehaviorSetUpdate { AppliedToServices = new[] { id } }), "update.AppliedToServices[0]");
    }

    [Test]
    public void NullIds_AreRejected_AsArgumentNull()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Client.Conversations.FinishConversationAsync(null!));
        Assert.That(error!.ParamName, Is.EqualTo("conversationId"));
    }

    [Test]
    public void PageSizes_OutsideEachOperationsRange_AreRejected()
    {
        AssertRange(() => Client.Conversations.ListAsync(new ConversationListOptions { PageSize = 0 }));
        AssertRange(() => Client.Conversations.ListAsync(new ConversationListOptions { PageSize = 151 }));
        AssertRange(() => Client.Conversations.GetMessagesAsync(Good, new ConversationMessageListOptions { PageSize = 0 }));
        AssertRange(() => Client.Conversations.GetMessagesAsync(Good, new ConversationMessageListOptions { PageSize = 501 }));
        AssertRange(() => Client.DynamicBehaviorSets.ListAsync(new DynamicBehaviorSetListOptions { PageSize = 0 }));
        AssertRange(() => Client.DynamicBehaviorSets.ListAsync(new DynamicBehaviorSetListOptions { PageSize = 51 }));
        AssertRange(() => Client.DynamicBehaviorSets.ListVersionsAsync(RecordingApi.SetId, new DynamicBehaviorSetVersionListOptions { PageSize = 0 }));
        AssertRange(() => Client.DynamicBehaviorSets.ListVersionsAsync(RecordingApi.SetId, new DynamicBehaviorSetVersionListOptions { PageSize = 11 }));
        AssertRange(() => Client.DynamicBehaviorSets.ListInvocationsAsync(RecordingApi.SetId, new DynamicBehaviorInvocationListOptions { PageSize = 0 }));
        AssertRange(() => Client.DynamicBehaviorSets.ListInvocationsAsync(RecordingApi.SetId, new DynamicBehaviorInvocationListOptions { PageSize = 31 }));

        Assert.DoesNotThrow(() => Client.Conversations.ListAsync(new ConversationListOptions { PageSize = 150 }));
        Assert.DoesNotThrow(() => Client.Conversations.GetMessagesAsync(Good, new ConversationMessageListOptions { PageSize = 500 }));
        Assert.DoesNotThrow(() => Client.DynamicBehaviorSets.ListAsync(new DynamicBehaviorSetListOptions { PageSize = 50 }));
        Assert.DoesNotThrow(() => Client.DynamicBehaviorSets.ListVersionsAsync(RecordingApi.SetId, new DynamicBehaviorSetVersionListOptions { PageSize = 10 }));
        Assert.DoesNotThrow(() => Client.DynamicBehaviorSets.ListInvocationsAsync(RecordingApi.SetId, new DynamicBehaviorInvocationListOptions { PageSize = 1 }));

        static void AssertRange(TestDelegate call)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.That(error!.ParamName, Is.EqualTo("options.PageSize"));
        }
    }

    [Test]
    public void MetricIds_MustBeOneToTenDistinctIds()
    {
        AssertParam(() => Client.Metrics.EvaluateAsync([], Good), "metricIds", "1 to 10");
        var eleven = Enumerable.Range(1, 11).Select(Samples.Id).ToArray();
        AssertParam(() => Client.Metrics.EvaluateAsync(eleven, Good), "metricIds", "has 11");
        AssertParam(() => Client.Metrics.EvaluateAsync([RecordingApi.MetricA, RecordingApi.MetricB, RecordingApi.MetricA], Good), "metricIds", "more than once");
        Assert.Throws<ArgumentNullException>(() => Client.Metrics.EvaluateAsync(null!, Good));
    }

    [Test]
    public void Tags_OverTwenty_AreRejected()
    {
        var tags = Enumerable.Range(1, 21).ToDictionary(i => $"tag{i}", i => (string?)"v");

        AssertParam(() => Client.Conversations.ModifyTagsAsync(Good, tags), "updates", "at most 20");
        AssertParam(() => Client.DynamicBehaviorSets.CreateAsync(Set(tags)), "request.Tags", "at most 20");
        AssertParam(() => Client.DynamicBehaviorSets.UpdateAsync(RecordingApi.SetId, new DynamicBehaviorSetUpdate { Tags = tags }), "update.Tags", "at most 20");
    }

    [TestCase("team:blue", TestName = "TagKey_Colon")]
    [TestCase("team-blue", TestName = "TagKey_Dash")]
    [TestCase("  ", TestName = "TagKey_Blank")]
    [TestCase("", TestName = "TagKey_Empty")]
    public void TagKeys_OutsideLettersDigitsUnderscoresSpaces_AreRejected(string key)
    {
        var tags = new Dictionary<string, string?> { [key] = "v" };

        AssertParam(() => Client.Conversations.ModifyTagsAsync(Good, tags), "updates");
        AssertParam(() => Client.DynamicBehaviorSets.CreateAsync(Set(tags)), "request.Tags");
        Assert.Throws<ArgumentException>(() => AmigoTagFilter.WithAnyValue(key));
    }

    [TestCase("blue!", TestName = "TagValue_Punctuation")]
    [TestCase("   ", TestName = "TagValue_Blank")]
    public void TagValues_OutsideTheRules_AreRejected(string value)
    {
        AssertParam(() => Client.Conversations.ModifyTagsAsync(Good, new Dictionary<string, string?> { ["team"] = value }), "updates");
        Assert.Throws<ArgumentException>(() => AmigoTagFilter.WithValue("team", value));
    }

    [Test]
    public void TagValues_UpToOneHundredCharacters_AreAccepted_AndLongerRejected()
    {
        _api.RespondWith(System.Net.HttpStatusCode.NoContent);
        Assert.DoesNotThrowAsync(() => Client.Conversations.ModifyTagsAsync(Good, new Dictionary<string, string?> { ["long value"] = new string('a', 100), ["under_score 2"] = "x y_z" }));
        while (_api.Requests.TryDequeue(out _))
        {
        }

        AssertParam(() => Client.Conversations.ModifyTagsAsync(Good, new Dictionary<string, string?> { ["team"] = new string('a', 101) }), "updates", "101 characters");
    }

    [Test]
    public void ModifyTags_AKeyBothUpdatedAndDeleted_IsRejected()
    {
        AssertParam(() => Client.Conversations.ModifyTagsAsync(Good, new Dictionary<string, string?> { ["team"] = "blue" }, ["team"]), "deletes", "both");
        AssertParam(() => Client.Conversations.ModifyTagsAsync(Good, deletes: [" "]), "deletes[0]");
    }

    [Test]
    public void Search_RequiresANonBlankQuery()
    {
        AssertParam(() => Client.DynamicBehaviorSets.SearchAsync("   "), "query");
        Assert.Throws<ArgumentNullException>(() => Client.DynamicBehaviorSets.SearchAsync(null!));
    }

    [Test]
    public void CreateVersion_ExpectedVersionMustBeTwoOrMore_AndTriggersOneToFifty()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.DynamicBehaviorSets.CreateVersionAsync(RecordingApi.SetId, Version(), expectedVersion: 1));
        Assert.That(error!.ParamName, Is.EqualTo("expectedVersion"));

        AssertParam(() => Client.DynamicBehaviorSets.CreateVersionAsync(RecordingApi.SetId, new CreateDynamicBehaviorSetVersionRequest { ConversationTriggers = [], Actions = [] }), "request.ConversationTriggers");
        var tooMany = Enumerable.Range(0, 51).Select(i => $"t{i}").ToList();
        AssertParam(() => Client.DynamicBehaviorSets.CreateVersionAsync(RecordingApi.SetId, new CreateDynamicBehaviorSetVersionRequest { ConversationTriggers = tooMany, Actions = [] }), "request.ConversationTriggers");
    }

    [Test]
    public void Create_ChecksNameServicesAndInitialVersion()
    {
        var request = Set(new Dictionary<string, string?>());
        request.Name = " ";
        AssertParam(() => Client.DynamicBehaviorSets.CreateAsync(request), "request.Name");

        request = Set(new Dictionary<string, string?>());
        request.AppliedToServices = ["nope"];
        AssertParam(() => Client.DynamicBehaviorSets.CreateAsync(request), "request.AppliedToServices[0]");

        request = Set(new Dictionary<string, string?>());
        request.InitialVersion.ConversationTriggers = [];
        AssertParam(() => Client.DynamicBehaviorSets.CreateAsync(request), "request.InitialVersion.ConversationTriggers");
    }

    [Test]
    public void Update_ABlankName_IsRejected()
    {
        AssertParam(() => Client.DynamicBehaviorSets.UpdateAsync(RecordingApi.SetId, new DynamicBehaviorSetUpdate { Name = "" }), "update.Name");
    }

    [Test]
    public void GenerateStarters_ChecksItsRequest()
    {
        AssertParam(() => Client.Conversations.GenerateStartersAsync(Starter(s => s.ServiceId = "x")), "request.ServiceId");
        AssertParam(() => Client.Conversations.GenerateStartersAsync(Starter(s => s.Facets = [])), "request.Facets");
        AssertParam(() => Client.Conversations.GenerateStartersAsync(Starter(s => s.MinCount = 0)), "request.MinCount");
        AssertParam(() => Client.Conversations.GenerateStartersAsync(Starter(s => s.MaxCount = 11)), "request.MaxCount");
        AssertParam(() => Client.Conversations.GenerateStartersAsync(Starter(s => (s.MinCount, s.MaxCount) = (5, 2))), "request.MinCount");
    }

    [Test]
    public void RecommendResponses_AnEmptyContext_IsRejected()
    {
        AssertParam(() => Client.Conversations.RecommendResponsesAsync(Good, Good, ""), "context");
    }

    [Test]
    public void Creators_WithACommaOrBlankPart_AreRejected()
    {
        AssertParam(() => Client.DynamicBehaviorSets.ListAsync(new DynamicBehaviorSetListOptions { Creators = [new AmigoCreator("a,b", "u")] }), "options.Creators");
        AssertParam(() => Client.DynamicBehaviorSets.ListAsync(new DynamicBehaviorSetListOptions { Creators = [new AmigoCreator("acme", " ")] }), "options.Creators[0].UserId");
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

    private static CreateDynamicBehaviorSetVersionRequest Version() => new() { ConversationTriggers = ["refund"], Actions = [] };

    private static CreateDynamicBehaviorSetRequest Set(Dictionary<string, string?> tags) => new()
    {
        Name = "Refunds",
        Tags = tags,
        AppliedToServices = [],
        InitialVersion = new CreateDynamicBehaviorSetRequestInitialVersion { IsActive = false, ConversationTriggers = ["refund"], Actions = [] },
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
