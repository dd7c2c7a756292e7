// Requires: GetConversationsOptions.Tag, ConversationInstance.Tags, ConversationsResource.ModifyTagsOfConversationAsync, ModifyTagsOfConversationRequest
using System.Net;
using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Resources;

/// <summary>Conversation tags, which only the newest spec release has.</summary>
public sealed partial class ConversationOperationsTests
{
    static partial void WithTagFilter(GetConversationsOptions options, List<(string, string)> expectedQuery)
    {
        options.Tag = ["team:blue", "vip:*", "archived:"];
        expectedQuery.AddRange([("tag", "team:blue"), ("tag", "vip:*"), ("tag", "archived:")]);
    }

    static partial void AssertTags(ConversationInstance conversation) =>
        Assert.That(conversation.Tags["team"], Is.EqualTo("blue"));

    [Test]
    public async Task ModifyTags_PostsUpdatesAndDeletes_AndAccepts204()
    {
        _api.RespondWith(HttpStatusCode.NoContent);

        await _api.Client.Conversations.ModifyTagsOfConversationAsync(Cid, new ModifyTagsOfConversationRequest
        {
            Updates = new Dictionary<string, string?> { ["team"] = "blue", ["needs review"] = null },
            Deletes = ["old_tag", "legacy"],
        });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path($"conversation/{Cid}/tags/")));
        Assert.That(JToken.DeepEquals(request.Json, JToken.Parse("""
            {"updates":{"team":"blue","needs review":null},"deletes":["old_tag","legacy"]}
            """)), request.Body);
    }

    [Test]
    public async Task ModifyTags_WithOnlyDeletes_LeavesUpdatesOut()
    {
        _api.RespondWith(HttpStatusCode.NoContent);

        await _api.Client.Conversations.ModifyTagsOfConversationAsync(Cid, new ModifyTagsOfConversationRequest { Deletes = ["legacy"] });

        Assert.That(JToken.DeepEquals(_api.Single.Json, JToken.Parse("""{"deletes":["legacy"]}""")), _api.Single.Body);
    }
}
