using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

public sealed class PagingTests
{
    private static async Task<List<JToken>> WalkAsync(EmulatorSession session, string path, string itemsField, int limit)
    {
        var items = new List<JToken>();
        var token = 0;
        var separator = path.Contains('?') ? '&' : '?';
        for (var pages = 0; pages < 1000; pages++)
        {
            var (status, page) = await session.GetAsync($"{path}{separator}limit={limit}&continuation_token={token}");
            Assert.That(status, Is.EqualTo(200), page.ToString());
            items.AddRange(page[itemsField]!);
            if (!(bool)page["has_more"]!)
            {
                Assert.That(page["continuation_token"]!.Type, Is.EqualTo(JTokenType.Null));
                return items;
            }

            Assert.That((int)page["continuation_token"]!, Is.GreaterThan(token));
            token = (int)page["continuation_token"]!;
        }

        Assert.Fail("paging did not end");
        return items;
    }

    [Test]
    public async Task Conversations_ThousandSeeded_WalkInPagesOf150_InCreationOrder()
    {
        await using var session = await StartAsync();
        var ids = session.Emulator.SeedConversations(1000);

        var items = await WalkAsync(session, "conversation/", "conversations", 150);

        Assert.That(items.Select(c => (string)c["id"]!), Is.EqualTo(ids));
        var (_, descending) = await session.GetAsync("conversation/?limit=2&sort_by=-created_at");
        Assert.That(descending["conversations"]!.Select(c => (string)c["id"]!), Is.EqualTo(new[] { ids[^1], ids[^2] }));
    }

    [Test]
    public async Task Conversations_Filters_ByFinishedUserServiceAndTag()
    {
        await using var session = await StartAsync();
        session.Emulator.SeedConversations(3, tags: new Dictionary<string, string?> { ["team"] = "red", ["flag"] = null });
        session.Emulator.SeedConversations(2, finished: false);

        async Task<int> CountAsync(string query) => (await session.GetAsync("conversation/?" + query)).Body["conversations"]!.Count();

        Assert.That(await CountAsync("is_finished=false"), Is.EqualTo(2));
        Assert.That(await CountAsync("is_finished=true"), Is.EqualTo(3));
        Assert.That(await CountAsync("tag=team:red"), Is.EqualTo(3));
        Assert.That(await CountAsync("tag=team:*"), Is.EqualTo(3));
        Assert.That(await CountAsync("tag=team:blue"), Is.EqualTo(0));
        Assert.That(await CountAsync("tag=flag:"), Is.EqualTo(3));
        Assert.That(await CountAsync($"user_id={AmigoEmulatorOptions.DemoUserId}&service_id={ServiceId}"), Is.EqualTo(5));
        Assert.That(await CountAsync("user_id=someone-else"), Is.EqualTo(0));
    }

    [Test]
    public async Task Messages_PageWithContinuationTokens()
    {
        await using var session = await StartAsync();
        var id = await session.CreateConversationAsync();
        for (var i = 0; i < 4; i++)
        {
            await session.InteractAsync(id, $"message {i}");
        }

        var items = await WalkAsync(session, $"conversation/{id}/messages/?sort_by=%2Bcreated_at", "messages", 3);

        Assert.That(items, Has.Count.EqualTo(9));
        Assert.That(items.Select(m => (string)m["id"]!).Distinct().Count(), Is.EqualTo(9));
        Assert.That((string)items[1]["message"]!, Is.EqualTo("message 0"));
    }

    [Test]
    public async Task DynamicBehaviorSets_VersionsAndInvocations_Page()
    {
        await using var session = await StartAsync();
        var setIds = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            setIds.Add(await DynamicBehaviorSetTests.CreateSetAsync(session, $"set {i}", isActive: false));
        }

        var sets = await WalkAsync(session, "dynamic_behavior_set/", "dynamic_behavior_sets", 3);
        Assert.That(sets.Select(s => (string)s["id"]!), Is.EqualTo(setIds));

        for (var v = 2; v <= 12; v++)
        {
            await session.PostAsync($"dynamic_behavior_set/{setIds[0]}/version/", DynamicBehaviorSetTests.VersionBody("trigger"));
        }

        var versions = await WalkAsync(session, $"dynamic_behavior_set/{setIds[0]}/version/", "dynamic_behavior_set_versions", 10);
        Assert.That(versions.Select(v => (int)v["version"]!), Is.EqualTo(Enumerable.Range(1, 12)));

        var triggered = await DynamicBehaviorSetTests.CreateSetAsync(session, "billing", isActive: true, trigger: "refund");
        var conversation = await session.CreateConversationAsync();
        for (var i = 0; i < 5; i++)
        {
            await session.InteractAsync(conversation, $"I want a refund, attempt {i}");
        }

        var invocations = await WalkAsync(session, $"dynamic_behavior_set/{triggered}/invocation/", "dynamic_behavior_invocations", 2);
        Assert.That(invocations, Has.Count.EqualTo(5));
        Assert.That(invocations.All(i => (string)i["conversation_id"]! == conversation));
    }
}
