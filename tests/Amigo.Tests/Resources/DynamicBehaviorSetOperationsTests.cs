using System.Net;
using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Resources;

[TestFixture]
public sealed partial class DynamicBehaviorSetOperationsTests
{
    private const string SetId = RecordingApi.SetId;

    private RecordingApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new RecordingApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task List_SendsEveryFilter_AndExposesFilterValuesOfTheFirstPage()
    {
        _api.Responder = (request, _) => Task.FromResult(Support.AmigoTestHost.Json(HttpStatusCode.OK, request.Query.Contains("continuation_token")
            ? Samples.Page("dynamic_behavior_sets", [Samples.Set(Samples.Id(2))], false, null, ""","filter_values":null""")
            : Samples.Page("dynamic_behavior_sets", [Samples.Set(Samples.Id(1))], true, 5, $$""","filter_values":{"applied_to_services_ids":["{{RecordingApi.ServiceId}}"],"creators":[{{Samples.UserInfo()}}],"tags":["area"]}""")));
        var options = new GetDynamicBehaviorSetsOptions
        {
            Id = [Samples.Id(1), Samples.Id(2)],
            IsActive = false,
            AppliedToService = [RecordingApi.ServiceId],
            Creator = ["acme,user-1"],
            Tag = ["area:billing"],
            SortBy = ["-updated_at"],
            PageSize = 1,
        };

        var pages = new List<AmigoPage<DynamicBehaviorSetInstance, GetDynamicBehaviorSetsResponse>>();
        await foreach (var page in _api.Client.DynamicBehaviorSets.GetDynamicBehaviorSetsAsync(options).AsPages())
        {
            pages.Add(page);
        }

        var requests = _api.Requests.ToArray();
        Assert.That(requests, Has.Length.EqualTo(2));
        Assert.That(requests[0].Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(requests[0].Path, Is.EqualTo(RecordingApi.Path("dynamic_behavior_set/")));
        Assert.That(requests[0].QueryPairs, Is.EqualTo(new[]
        {
            ("id", Samples.Id(1)), ("id", Samples.Id(2)),
            ("limit", "1"),
            ("is_active", "false"),
            ("applied_to_service", RecordingApi.ServiceId),
            ("creator", "acme,user-1"),
            ("tag", "area:billing"),
            ("sort_by", "-updated_at"),
        }));
        Assert.That(requests[1].QueryPairs, Does.Contain(("continuation_token", "5")));

        var filterValues = pages[0].Response.FilterValues!;
        Assert.That(filterValues.AppliedToServicesIds, Is.EqualTo(new[] { RecordingApi.ServiceId }));
        Assert.That((filterValues.Creators.Single().OrgId, filterValues.Creators.Single().UserId), Is.EqualTo(("acme", "user-1")));
        Assert.That(filterValues.Tags, Is.EqualTo(new[] { "area" }));
        Assert.That(pages[1].Response.FilterValues, Is.Null);

        var set = pages[0].Items.Single();
        Assert.That(set.Name, Is.EqualTo($"Set {Samples.Id(1)}"));
        Assert.That(set.Tags["flag"], Is.Null);
        Assert.That(set.Creator.UserId, Is.EqualTo("user-1"));
    }

    [Test]
    public async Task Create_PostsTheSetWithItsInitialVersion_AndReturnsTheId()
    {
        _api.RespondWith(HttpStatusCode.Created, $$"""{"dynamic_behavior_set_id":"{{SetId}}"}""");

        var initialVersion = new CreateDynamicBehaviorSetRequestInitialVersion
        {
            IsActive = true,
            ConversationTriggers = ["the user asks for a refund"],
        };
        var expectedVersion = JObject.Parse("""{"is_active":true,"conversation_triggers":["the user asks for a refund"]}""");
        WithInstruction(initialVersion, "Explain the refund policy.", expectedVersion);
        var created = await _api.Client.DynamicBehaviorSets.CreateDynamicBehaviorSetAsync(new CreateDynamicBehaviorSetRequest
        {
            Name = "Refunds",
            Tags = new Dictionary<string, string?> { ["area"] = "billing", ["draft"] = null },
            AppliedToServices = [RecordingApi.ServiceId],
            InitialVersion = initialVersion,
        });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path("dynamic_behavior_set/")));
        var expected = JObject.Parse($$"""
            {"name":"Refunds","tags":{"area":"billing","draft":null},"applied_to_services":["{{RecordingApi.ServiceId}}"]}
            """);
        expected["initial_version"] = expectedVersion;
        Assert.That(JToken.DeepEquals(request.Json, expected), request.Body);
        Assert.That(created.DynamicBehaviorSetId, Is.EqualTo(SetId));
    }

    [Test]
    public async Task Update_SendsOnlyTheFieldsSet_AndWritesExplicitNulls()
    {
        _api.RespondWith(HttpStatusCode.NoContent);

        await _api.Client.DynamicBehaviorSets.UpdateAsync(SetId, new DynamicBehaviorSetUpdate { Name = "Refunds v2", Tags = null });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"dynamic_behavior_set/{SetId}/")));
        Assert.That(request.ContentType, Is.EqualTo("application/json"));
        Assert.That(request.Body, Is.EqualTo("""{"name":"Refunds v2","tags":null}"""), "untouched fields are absent, tags is an explicit null");
    }

    [Test]
    public async Task Update_DistinguishesUnsetFromNull_ForEveryField()
    {
        _api.RespondWith(HttpStatusCode.NoContent);

        await _api.Client.DynamicBehaviorSets.UpdateAsync(SetId, new DynamicBehaviorSetUpdate());
        await _api.Client.DynamicBehaviorSets.UpdateAsync(SetId, new DynamicBehaviorSetUpdate { Name = null, Tags = null, AppliedToServices = null, IsActive = null });
        await _api.Client.DynamicBehaviorSets.UpdateAsync(SetId, new DynamicBehaviorSetUpdate
        {
            Tags = new Dictionary<string, string?> { ["area"] = "billing", ["draft"] = null },
            AppliedToServices = new[] { RecordingApi.ServiceId },
            IsActive = false,
        });

        var bodies = _api.Requests.Select(r => r.Body).ToArray();
        Assert.That(bodies[0], Is.EqualTo("{}"));
        Assert.That(bodies[1], Is.EqualTo("""{"name":null,"tags":null,"applied_to_services":null,"is_active":null}"""));
        Assert.That(bodies[2], Is.EqualTo($$"""{"tags":{"area":"billing","draft":null},"applied_to_services":["{{RecordingApi.ServiceId}}"],"is_active":false}"""));
    }

    [Test]
    public void Update_ToAnActiveDuplicateName_IsAConflict()
    {
        _api.RespondWith(HttpStatusCode.Conflict, """{"detail":"Another active set with the same name already exists."}""");

        var error = Assert.ThrowsAsync<AmigoConflictException>(() =>
            _api.Client.DynamicBehaviorSets.UpdateAsync(SetId, new DynamicBehaviorSetUpdate { IsActive = true }));

        Assert.That(error!.Operation, Is.EqualTo("update-dynamic-behavior-set"));
    }

    [TestCase("{}")]
    [TestCase("null")]
    [TestCase("")]
    public async Task Delete_SendsDelete_AndAcceptsAnyOkBody(string body)
    {
        _api.Responder = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });

        await _api.Client.DynamicBehaviorSets.DeleteDynamicBehaviorInstructionAsync(SetId);

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Delete));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"dynamic_behavior_set/{SetId}/")));
        Assert.That(request.Query, Is.Empty);
        Assert.That(request.Body, Is.Null.Or.Empty, "no body: at most an empty one, which stops the transport from re-sending it on its own");
    }

    [Test]
    public void Delete_OfAMissingSet_IsNotFound()
    {
        _api.RespondWith(HttpStatusCode.NotFound, """{"detail":"Dynamic behavior set not found."}""");

        var error = Assert.ThrowsAsync<AmigoNotFoundException>(() => _api.Client.DynamicBehaviorSets.DeleteDynamicBehaviorInstructionAsync(SetId));

        Assert.That(error!.Operation, Is.EqualTo("delete-dynamic-behavior-instruction"));
    }

    [TestCase("3")]
    [TestCase("latest")]
    [TestCase("2-5")]
    public async Task ListVersions_SendsTheVersionFilterSortAndLimit_AndReturnsTypedVersions(string expected)
    {
        _api.RespondWith(HttpStatusCode.OK, Samples.Page("dynamic_behavior_set_versions", [Samples.Version(3), Samples.Version(2)], false, null));
        var options = new GetDynamicBehaviorSetVersionsOptions
        {
            Version = expected,
            SortBy = ["-version"],
            PageSize = 10,
        };

        var versions = new List<DynamicBehaviorSetVersion>();
        await foreach (var version in _api.Client.DynamicBehaviorSets.GetDynamicBehaviorSetVersionsAsync(SetId, options))
        {
            versions.Add(version);
        }

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"dynamic_behavior_set/{SetId}/version/")));
        Assert.That(request.QueryPairs, Is.EqualTo(new[] { ("version", expected), ("limit", "10"), ("sort_by", "-version") }));
        Assert.That(versions.Select(v => v.Version), Is.EqualTo(new[] { 3, 2 }));
        AssertInstruction(versions[0]);
    }

    [Test]
    public async Task CreateVersion_PostsTheVersionWithTheExpectedNumber_AndReturnsTheNewNumber()
    {
        _api.RespondWith(HttpStatusCode.Created, """{"new_version_number":4}""");

        var expected = JObject.Parse("""{"conversation_triggers":["refund"]}""");
        var created = await _api.Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(SetId, NewVersion(expected), new CreateDynamicBehaviorSetVersionOptions { Version = 4 });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"dynamic_behavior_set/{SetId}/version/")));
        Assert.That(request.QueryPairs, Is.EqualTo(new[] { ("version", "4") }));
        Assert.That(JToken.DeepEquals(request.Json, expected), request.Body);
        Assert.That(created.NewVersionNumber, Is.EqualTo(4));
    }

    [Test]
    public async Task CreateVersion_WithoutExpectedNumber_SendsNoQuery()
    {
        _api.RespondWith(HttpStatusCode.Created, """{"new_version_number":7}""");

        var created = await _api.Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(SetId, NewVersion());

        Assert.That(_api.Single.Query, Is.Empty);
        Assert.That(created.NewVersionNumber, Is.EqualTo(7));
    }

    [Test]
    public void CreateVersion_WhenTheExpectedNumberIsNotNext_IsABadRequestWithTheServersDetail()
    {
        _api.Responder = (_, _) =>
        {
            var response = Support.AmigoTestHost.Json(HttpStatusCode.BadRequest, """{"detail":"The specified version number is not the expected next version."}""");
            response.Headers.Add("x-request-id", "req-9");
            return Task.FromResult(response);
        };

        var error = Assert.ThrowsAsync<AmigoBadRequestException>(() =>
            _api.Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(SetId, NewVersion(), new CreateDynamicBehaviorSetVersionOptions { Version = 3 }));

        Assert.That(error!.StatusCode, Is.EqualTo(400));
        Assert.That(error.Operation, Is.EqualTo("create-dynamic-behavior-set-version"));
        Assert.That(error.RequestId, Is.EqualTo("req-9"));
        Assert.That(error.Detail, Is.EqualTo("The specified version number is not the expected next version."));
    }

    [Test]
    public void CreateVersion_A400WithoutExpectedNumber_StaysABadRequest()
    {
        _api.RespondWith(HttpStatusCode.BadRequest, """{"detail":"Something else."}""");

        Assert.ThrowsAsync<AmigoBadRequestException>(() => _api.Client.DynamicBehaviorSets.CreateDynamicBehaviorSetVersionAsync(SetId, NewVersion()));
    }

    [Test]
    public async Task Search_SendsTheQueryAndFilters_AndReturnsTheSets()
    {
        _api.RespondWith(HttpStatusCode.OK, $$"""{"dynamic_behavior_sets":[{{Samples.Set(Samples.Id(1))}},{{Samples.Set(Samples.Id(2))}}]}""");

        var response = await _api.Client.DynamicBehaviorSets.SearchDynamicBehaviorSetsAsync("refund policy", new SearchDynamicBehaviorSetsOptions
        {
            IsActive = true,
            AppliedToService = [RecordingApi.ServiceId],
            Creator = ["acme,user-1", "acme,user-2"],
            Tag = ["area:*"],
        });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path("dynamic_behavior_set/search")));
        Assert.That(request.QueryPairs, Is.EqualTo(new[]
        {
            ("query", "refund policy"),
            ("is_active", "true"),
            ("applied_to_service", RecordingApi.ServiceId),
            ("creator", "acme,user-1"), ("creator", "acme,user-2"),
            ("tag", "area:*"),
        }));
        Assert.That(response.DynamicBehaviorSets.Select(s => s.Id), Is.EqualTo(new[] { Samples.Id(1), Samples.Id(2) }));
    }

    [Test]
    public async Task ListInvocations_SendsSortAndLimit_AndReturnsTypedInvocations()
    {
        _api.RespondWith(HttpStatusCode.OK, Samples.Page("dynamic_behavior_invocations", [Samples.Invocation(Samples.Id(9))], false, null));

        var invocations = new List<DynamicBehaviorInvocation>();
        await foreach (var invocation in _api.Client.DynamicBehaviorSets.GetDynamicBehaviorInvocationsAsync(SetId, new GetDynamicBehaviorInvocationsOptions
        {
            SortBy = ["+invoked_at"],
            PageSize = 30,
        }))
        {
            invocations.Add(invocation);
        }

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"dynamic_behavior_set/{SetId}/invocation/")));
        Assert.That(request.QueryPairs, Is.EqualTo(new[] { ("limit", "30"), ("sort_by", "+invoked_at") }));
        var only = invocations.Single();
        Assert.That(only.Id, Is.EqualTo(Samples.Id(9)));
        Assert.That(only.DynamicBehaviorSetVersionInfo.Item1, Is.EqualTo(SetId));
        Assert.That(only.DynamicBehaviorSetVersionInfo.Item2, Is.EqualTo(3));
        Assert.That(only.AgentMessageId, Is.Null);
    }

    /// <summary>A version triggered by "refund" that injects "Be kind."; <paramref name="expected"/> gets the JSON of its action.</summary>
    private static CreateDynamicBehaviorSetVersionRequest NewVersion(JObject? expected = null)
    {
        var version = new CreateDynamicBehaviorSetVersionRequest { ConversationTriggers = ["refund"] };
        WithInstruction(version, "Be kind.", expected ?? []);
        return version;
    }

    /// <summary>
    /// The newest release's behavior-set actions (DynamicBehaviorSetOperationsTests.Actions.cs): an instruction to
    /// inject, which does not override the instructions, and its JSON in <paramref name="expected"/>.
    /// </summary>
    static partial void WithInstruction(CreateDynamicBehaviorSetRequestInitialVersion version, string instruction, JObject expected);

    /// <summary>As for an initial version, an instruction that overrides the instructions.</summary>
    static partial void WithInstruction(CreateDynamicBehaviorSetVersionRequest version, string instruction, JObject expected);

    /// <summary>The version sample's action is an instruction to inject (DynamicBehaviorSetOperationsTests.Actions.cs).</summary>
    static partial void AssertInstruction(DynamicBehaviorSetVersion version);
}
