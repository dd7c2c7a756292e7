using Newtonsoft.Json;

namespace Amigo.Generated.Tests;

public class PageAndTupleTests
{
    [Test]
    public void A_continuation_token_reads_as_an_integer_or_null()
    {
        var more = JsonConvert.DeserializeObject<GetConversationsResponse>("""{"conversations":[],"has_more":true,"continuation_token":5}""", AmigoJsonSettings.Create())!;
        var last = JsonConvert.DeserializeObject<GetConversationsResponse>("""{"conversations":[],"has_more":false,"continuation_token":null}""", AmigoJsonSettings.Create())!;

        Assert.That(more.ContinuationToken, Is.EqualTo(5));
        Assert.That(last.ContinuationToken, Is.Null);
    }

    [Test]
    public void A_version_set_info_reads_its_tuples()
    {
        const string json = """
            {"name":"release","agent_version_info":["65f1c0ffee0123456789abcd",4],
             "service_hierarchical_state_machine_version_info":["65f1c0ffee0123456789abce",2],
             "llm_model_preferences":{}}
            """;

        var info = JsonConvert.DeserializeObject<VersionSetInfo>(json, AmigoJsonSettings.Create())!;

        Assert.That(info.AgentVersionInfo.Item1, Is.EqualTo("65f1c0ffee0123456789abcd"));
        Assert.That(info.AgentVersionInfo.Item2, Is.EqualTo(4));
        Assert.That(info.ServiceHierarchicalStateMachineVersionInfo.Item2, Is.EqualTo(2));
        var written = JsonConvert.SerializeObject(info, AmigoJsonSettings.Create());
        Assert.That(written, Does.Contain("\"agent_version_info\":[\"65f1c0ffee0123456789abcd\",4]"));
    }

    [Test]
    public void A_tuple_of_the_wrong_length_fails_with_its_place_in_the_json()
    {
        var error = Assert.Throws<JsonSerializationException>(() =>
            JsonConvert.DeserializeObject<VersionSetInfo>("""{"name":"x","agent_version_info":["only-one"]}""", AmigoJsonSettings.Create()));

        Assert.That(error!.Message, Does.Contain("agent_version_info").And.Contain("2 values"));
    }
}
