namespace Amigo.Tests.Resources;

/// <summary>Minimal, valid JSON for the API's response items.</summary>
public static class Samples
{
    public static string Id(int n) => n.ToString("x24");

    public static string Conversation(string id) => $$"""
        {"id":"{{id}}","user_id":"user-1","created_at":"2025-01-02T03:04:05Z","is_finished":false,"is_analyzed":false,
         "completed_post_processings":[],"final_message":"","service_id":"{{RecordingApi.ServiceId}}","version_set_info":null,
         "num_messages":2,"tags":{"team":"blue"} }
        """;

    public static string Message(string id) => $$"""
        {"id":"{{id}}","interaction_id":"{{RecordingApi.InteractionId}}","created_at":"2025-01-02T03:04:05Z","sender":"Agent",
         "message":"Hello {{id}}","format":"text","message_type":"agent-message"}
        """;

    public static string UserInfo(string org = "acme", string user = "user-1") => $$"""{"org_id":"{{org}}","user_id":"{{user}}"}""";

    public static string Set(string id) => $$"""
        {"id":"{{id}}","name":"Set {{id}}","is_active":true,"applied_to_services":["{{RecordingApi.ServiceId}}"],"tags":{"area":"billing","flag":null},
         "created_at":"2025-01-02T03:04:05Z","creator":{{UserInfo()}},"updated_at":"2025-01-03T03:04:05Z","updated_by":{{UserInfo()}} }
        """;

    public static string Version(int number) => $$"""
        {"_id":"{{Id(1000 + number)}}","org_id":"acme","dynamic_behavior_set_id":"{{RecordingApi.SetId}}","version":{{number}},
         "conversation_triggers":["refund"],"actions":[{"type":"inject-instruction","instruction":"Be kind.","overrides_instructions":false}],
         "creator":{{UserInfo()}} }
        """;

    public static string Invocation(string id) => $$"""
        {"_id":"{{id}}","org_id":"acme","conversation_id":"{{RecordingApi.ConversationId}}","service_id":"{{RecordingApi.ServiceId}}",
         "user_id":"user-1","initial_message_id":"{{RecordingApi.MessageId}}","agent_message_id":null,"agent_inner_thoughts_ids":[],
         "dynamic_behavior_set_version_info":["{{RecordingApi.SetId}}",3],"invoked_at":"2025-01-02T03:04:05Z" }
        """;

    public static string Page(string itemsProperty, IEnumerable<string> items, bool hasMore, int? token, string extra = "") =>
        $$"""{"{{itemsProperty}}":[{{string.Join(",", items)}}],"has_more":{{(hasMore ? "true" : "false")}},"continuation_token":{{token?.ToString() ?? "null"}}{{extra}}}""";
}
