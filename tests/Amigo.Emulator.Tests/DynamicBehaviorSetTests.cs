using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

public sealed class DynamicBehaviorSetTests
{
    public static object VersionBody(string trigger) => new
    {
        conversation_triggers = new[] { trigger },
        actions = new object[]
        {
            new { type = "inject-instruction", instruction = "Be extra careful.", overrides_instructions = false },
            new
            {
                type = "change-tool-candidates",
                overrides_existing_tool_call_specs = false,
                tool_call_specs = new[]
                {
                    new
                    {
                        tool_id = "65f1c0ffee00000000000001", version_constraint = ">=1.0", additional_instruction = "Use for refunds.",
                        audio_fillers = new[] { "One moment." }, audio_filler_triggered_after = 2.5, result_persistence = "ephemeral",
                        tool_name = "refund_tool",
                    },
                },
            },
        },
    };

    internal static async Task<string> CreateSetAsync(EmulatorSession session, string name, bool isActive = true, string trigger = "help",
        object? tags = null)
    {
        var (status, body) = await session.PostAsync("dynamic_behavior_set/", new
        {
            name,
            tags = tags ?? new { team = "support" },
            applied_to_services = new[] { ServiceId },
            initial_version = new
            {
                is_active = isActive,
                conversation_triggers = new[] { trigger },
                actions = new[] { new { type = "inject-instruction", instruction = "Be kind.", overrides_instructions = true } },
            },
        });
        Assert.That(status, Is.EqualTo(201), body.ToString());
        return (string)body["dynamic_behavior_set_id"]!;
    }

    [Test]
    public async Task Create_List_WithFilterValuesOnTheFirstPageOnly()
    {
        await using var session = await StartAsync();
        var first = await CreateSetAsync(session, "Refunds", tags: new { team = "billing" });
        await CreateSetAsync(session, "Greetings", isActive: false);

        var (_, page1) = await session.GetAsync("dynamic_behavior_set/?limit=1");
        var (_, page2) = await session.GetAsync("dynamic_behavior_set/?limit=1&continuation_token=1");
        var (_, active) = await session.GetAsync("dynamic_behavior_set/?is_active=true");
        var (_, byTag) = await session.GetAsync("dynamic_behavior_set/?tag=team:support");
        var (_, byCreator) = await session.GetAsync($"dynamic_behavior_set/?creator={AmigoEmulatorOptions.DemoUserId}&applied_to_service={ServiceId}");

        var set = page1["dynamic_behavior_sets"]![0]!;
        Assert.That((string)set["id"]!, Is.EqualTo(first));
        Assert.That((string)set["creator"]!["user_id"]!, Is.EqualTo(AmigoEmulatorOptions.DemoUserId));
        Assert.That(page1["filter_values"]!["tags"]!.Values<string>(), Is.EqualTo(new[] { "team" }));
        Assert.That(page1["filter_values"]!["applied_to_services_ids"]!.Values<string>(), Is.EqualTo(new[] { ServiceId }));
        Assert.That(page2["filter_values"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(active["dynamic_behavior_sets"]!.Single()["name"]!.ToString(), Is.EqualTo("Refunds"));
        Assert.That(byTag["dynamic_behavior_sets"]!.Single()["name"]!.ToString(), Is.EqualTo("Greetings"));
        Assert.That(byCreator["dynamic_behavior_sets"]!.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Create_ActiveWithSameNameAsAnActiveSet_Is409_UnknownService_Is404()
    {
        await using var session = await StartAsync();
        await CreateSetAsync(session, "Refunds");

        var (duplicate, _) = await session.PostAsync("dynamic_behavior_set/", new
        {
            name = "Refunds", tags = new { }, applied_to_services = Array.Empty<string>(),
            initial_version = new { is_active = true, conversation_triggers = new[] { "x" }, actions = Array.Empty<object>() },
        });
        var (unknownService, _) = await session.PostAsync("dynamic_behavior_set/", new
        {
            name = "Other", tags = new { }, applied_to_services = new[] { "0123456789abcdef01234567" },
            initial_version = new { is_active = false, conversation_triggers = new[] { "x" }, actions = Array.Empty<object>() },
        });

        Assert.That(duplicate, Is.EqualTo(409));
        Assert.That(unknownService, Is.EqualTo(404));
    }

    [Test]
    public async Task Update_AbsentLeavesUnchanged_NullClearsTags()
    {
        await using var session = await StartAsync();
        var id = await CreateSetAsync(session, "Refunds");

        var (renamed, _) = await session.PostAsync($"dynamic_behavior_set/{id}/", new { name = "Refunds v2" });
        var (_, afterRename) = await session.GetAsync($"dynamic_behavior_set/?id={id}");
        var (cleared, _) = await session.PostAsync($"dynamic_behavior_set/{id}/", "{\"tags\": null, \"is_active\": false}");
        var (_, afterClear) = await session.GetAsync($"dynamic_behavior_set/?id={id}");
        var (unknown, _) = await session.PostAsync("dynamic_behavior_set/0123456789abcdef01234567/", new { name = "x" });

        Assert.That(renamed, Is.EqualTo(204));
        var set = afterRename["dynamic_behavior_sets"]![0]!;
        Assert.That((string)set["name"]!, Is.EqualTo("Refunds v2"));
        Assert.That((string)set["tags"]!["team"]!, Is.EqualTo("support"));
        Assert.That((bool)set["is_active"]!, Is.True);
        Assert.That(cleared, Is.EqualTo(204));
        Assert.That(afterClear["dynamic_behavior_sets"]![0]!["tags"]!.Count(), Is.EqualTo(0));
        Assert.That((bool)afterClear["dynamic_behavior_sets"]![0]!["is_active"]!, Is.False);
        Assert.That(unknown, Is.EqualTo(404));
    }

    [Test]
    public async Task CreateVersion_EnforcesTheNextVersionRule()
    {
        await using var session = await StartAsync();
        var id = await CreateSetAsync(session, "Refunds");

        var (skip, skipBody) = await session.PostAsync($"dynamic_behavior_set/{id}/version/?version=3", VersionBody("refund"));
        var (next, nextBody) = await session.PostAsync($"dynamic_behavior_set/{id}/version/?version=2", VersionBody("refund"));
        var (unpinned, unpinnedBody) = await session.PostAsync($"dynamic_behavior_set/{id}/version/", VersionBody("money back"));
        var (tooLow, _) = await session.PostAsync($"dynamic_behavior_set/{id}/version/?version=1", VersionBody("x"));

        Assert.That(skip, Is.EqualTo(400));
        Assert.That((string)skipBody["detail"]!, Does.Contain("expected next version 2"));
        Assert.That(next, Is.EqualTo(201));
        Assert.That((int)nextBody["new_version_number"]!, Is.EqualTo(2));
        Assert.That(unpinned, Is.EqualTo(201));
        Assert.That((int)unpinnedBody["new_version_number"]!, Is.EqualTo(3));
        Assert.That(tooLow, Is.EqualTo(422));
    }

    [Test]
    public async Task ListVersions_FiltersByExactLatestAndRange()
    {
        await using var session = await StartAsync();
        var id = await CreateSetAsync(session, "Refunds");
        for (var i = 0; i < 4; i++)
        {
            await session.PostAsync($"dynamic_behavior_set/{id}/version/", VersionBody($"t{i}"));
        }

        async Task<int[]> VersionsAsync(string query)
        {
            var (status, body) = await session.GetAsync($"dynamic_behavior_set/{id}/version/{query}");
            Assert.That(status, Is.EqualTo(200), body.ToString());
            return body["dynamic_behavior_set_versions"]!.Select(v => (int)v["version"]!).ToArray();
        }

        Assert.That(await VersionsAsync("?version=3"), Is.EqualTo(new[] { 3 }));
        Assert.That(await VersionsAsync("?version=latest"), Is.EqualTo(new[] { 5 }));
        Assert.That(await VersionsAsync("?version=2-4"), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(await VersionsAsync("?sort_by=-version&limit=2"), Is.EqualTo(new[] { 5, 4 }));
        var (_, full) = await session.GetAsync($"dynamic_behavior_set/{id}/version/?version=2");
        var version = full["dynamic_behavior_set_versions"]![0]!;
        Assert.That((string)version["_id"]!, Has.Length.EqualTo(24));
        Assert.That((string)version["actions"]![1]!["tool_call_specs"]![0]!["result_persistence"]!, Is.EqualTo("ephemeral"));
        Assert.That((await session.GetAsync($"dynamic_behavior_set/{id}/version/?version=two")).Status, Is.EqualTo(422));
    }

    [Test]
    public async Task Search_MatchesNameOrLatestTriggers_ByRelevance()
    {
        await using var session = await StartAsync();
        await CreateSetAsync(session, "Refund policy", trigger: "money back");
        await CreateSetAsync(session, "Shipping", trigger: "refund for late delivery");
        await CreateSetAsync(session, "Greetings", trigger: "hello");

        var (status, body) = await session.GetAsync("dynamic_behavior_set/search?query=refund%20policy");
        var (missing, _) = await session.GetAsync("dynamic_behavior_set/search");
        var (badCreator, _) = await session.GetAsync("dynamic_behavior_set/search?query=x&creator=justauser");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body["dynamic_behavior_sets"]!.Select(s => (string)s["name"]!), Is.EqualTo(new[] { "Refund policy", "Shipping" }));
        Assert.That(missing, Is.EqualTo(422));
        Assert.That(badCreator, Is.EqualTo(422));
    }

    [Test]
    public async Task Invocations_AreRecordedWhenATriggerMatches_AndTheAgentReportsTheSet()
    {
        await using var session = await StartAsync();
        var id = await CreateSetAsync(session, "Refunds", trigger: "refund");
        var conversation = await session.CreateConversationAsync();

        var events = await session.InteractAsync(conversation, "Can I get a REFUND please?");
        var (_, invocations) = await session.GetAsync($"dynamic_behavior_set/{id}/invocation/");

        var selected = events.Select(e => e["action"]).OfType<JObject>().Single(a => (string)a["type"]! == "select-dynamic-behavior-completed");
        Assert.That(selected["selected_dynamic_behavior_set_version_info"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo($"[\"{id}\",1]"));
        var invocation = invocations["dynamic_behavior_invocations"]!.Single();
        Assert.That((string)invocation["initial_message_id"]!, Is.EqualTo((string)events[0]["message_id"]!));
        Assert.That((string)invocation["agent_message_id"]!, Is.EqualTo((string)events[^1]["message_id"]!));
        var (_, insights) = await session.GetAsync($"conversation/{conversation}/interaction/{events[^1]["interaction_id"]}/insights");
        Assert.That(insights["triggered_dynamic_behavior_set_version_info"]![0]!.ToString(), Is.EqualTo(id));
    }

    [Test]
    public async Task Delete_RemovesTheSet()
    {
        await using var session = await StartAsync();
        var id = await CreateSetAsync(session, "Refunds");

        var (deleted, body) = await session.DeleteAsync($"dynamic_behavior_set/{id}/");
        var (again, _) = await session.DeleteAsync($"dynamic_behavior_set/{id}/");
        var (versions, _) = await session.GetAsync($"dynamic_behavior_set/{id}/version/");

        Assert.That(deleted, Is.EqualTo(200));
        Assert.That(body.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(again, Is.EqualTo(404));
        Assert.That(versions, Is.EqualTo(404));
    }
}
