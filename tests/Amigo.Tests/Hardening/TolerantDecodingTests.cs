using Amigo.Generated;
using Amigo.Tests.Streaming;
using Amigo.Tests.Support;
using Amigo.Tests.TestServer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Amigo.Tests.Hardening;

/// <summary>
/// Issue 10, item 3: a server that drifts from the spec (missing required fields, renamed fields, values of the wrong
/// type) never kills a turn or a call. Values are decoded as far as they can be read and carry their issues;
/// <see cref="AmigoClientOptions.StrictDecoding"/> restores the strict behaviour; unreadable JSON still fails.
/// </summary>
[TestFixture]
public sealed partial class TolerantDecodingTests
{
    private const string ConversationId = "65f1c0ffee0123456789abcd";

    /// <summary><c>tool-call-ended</c> as a drifting server sends it: input_params/output/duration_ms instead of input_parameters/result/duration.</summary>
    private const string DriftedToolCallEnded =
        """{"type":"current-agent-action","action":{"type":"tool-call-ended","tool_round_index":0,"tool_id":"65f1c0ffee00000000000001","tool_version":"1.2.0","input_params":{"query":"weather"},"output":"Sunny","duration_ms":1750}}""";

    private static Task<HostileServer> TurnServerAsync(params string[] lines) => HostileServer.StartAsync(async context =>
    {
        if (HostileServer.IsSignIn(context))
        {
            await HostileServer.SignInAsync(context);
            return;
        }

        await context.Response.StartNdjsonAsync(StatusCodes.Status201Created);
        foreach (var line in lines)
        {
            await context.Response.WriteLineAndFlushAsync(line);
        }
    });

    private static string[] DriftingTurn() =>
    [
        ConversationEvents.Created(ConversationId),
        DriftedToolCallEnded,
        DriftedToolCallEnded,
        ConversationEvents.TextPiece("Sunny today.", 0, stop: true),
        ConversationEvents.Complete("Sunny today."),
    ];

    private static ConversationEventStream Create(AmigoClient client) =>
        client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = "65f1c0ffee0123456789abce" });

    [Test]
    public async Task A_turn_with_a_drifting_tool_call_ended_event_completes_through_CollectAsync_with_the_issues_listed()
    {
        await using var server = await TurnServerAsync(DriftingTurn());
        var logs = new LogCapture();
        using var client = server.CreateClient(o => o.LoggerFactory = logs);

        var result = await Create(client).CollectAsync();

        Assert.That(result.AgentMessage, Is.EqualTo("Sunny today."));
        Assert.That(result.ConversationId, Is.EqualTo(ConversationId));
        var ended = result.AgentActions.OfType<ToolCallEndedEvent>().First();
        Assert.That(ended.ToolId, Is.EqualTo("65f1c0ffee00000000000001"), "the properties that match are read");
        Assert.That(ended.DecodeIssues.Select(i => (i.Kind, i.Path, i.Property, i.DeclaringType)), Is.EquivalentTo(new[]
        {
            (AmigoDecodeIssueKind.MissingRequired, "action.input_parameters", "input_parameters", typeof(ToolCallEndedEvent)),
            (AmigoDecodeIssueKind.MissingRequired, "action.result", "result", typeof(ToolCallEndedEvent)),
            (AmigoDecodeIssueKind.MissingRequired, "action.duration", "duration", typeof(ToolCallEndedEvent)),
        }));
        Assert.That(ended.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "input_params", "output", "duration_ms" }), "renamed fields are kept");
        Assert.That(ended.Duration, Is.Zero, "a missing required value keeps its default");
        Assert.That(result.AgentActions.OfType<ToolCallEndedEvent>().Count(), Is.EqualTo(2));

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("did not match the API spec")).ToList();
        Assert.That(warnings, Has.Count.EqualTo(3), "one warning per issue, not per event");
        Assert.That(warnings.Select(w => w.Message), Has.Some.Contains("action.input_parameters").And.Contains("CurrentAgentActionEvent").And.Contains("ToolCallEndedEvent"));
    }

    [Test]
    public async Task The_event_itself_carries_every_issue_inside_it()
    {
        await using var server = await TurnServerAsync(DriftingTurn());
        using var client = server.CreateClient();

        var events = new List<ConversationEvent>();
        await foreach (var e in Create(client))
        {
            events.Add(e);
        }

        var action = events.OfType<CurrentAgentActionEvent>().First();
        Assert.That(action.Action, Is.TypeOf<ToolCallEndedEvent>(), "delivered as its known action type");
        Assert.That(action.DecodeIssues.Select(i => i.Path), Is.EquivalentTo(new[] { "action.input_parameters", "action.result", "action.duration" }));
        Assert.That(AmigoDecodeIssues.Of(action), Is.SameAs(action.DecodeIssues));
        Assert.That(events.OfType<InteractionCompleteEvent>().Single().DecodeIssues, Is.Empty, "a value that matches has none");
        Assert.That(action.DecodeIssues[0].ToString(), Does.Contain("action.").And.Contain("the required property is missing").And.Contain("ToolCallEndedEvent"));
    }

    [Test]
    public async Task StrictDecoding_fails_the_turn_at_the_drifting_event_as_before()
    {
        await using var server = await TurnServerAsync(DriftingTurn());
        using var client = server.CreateClient(o => o.StrictDecoding = true);

        var error = Assert.CatchAsync<AmigoException>(() => Create(client).CollectAsync());

        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        Assert.That(error!.Message, Does.Contain("Required property 'input_parameters' not found"));
        Assert.That(((AmigoStreamException)error).EventsSeen, Is.EqualTo(1));
    }

    [Test]
    public async Task A_value_of_the_wrong_type_is_skipped_and_the_rest_of_the_event_is_read()
    {
        await using var server = await TurnServerAsync(
            ConversationEvents.Created(ConversationId),
            $$"""{"type":"new-message","message":{"text":"Hi"},"transcript_alignment":"none","stop":"yes","sequence_number":"seven","message_id":"{{ConversationEvents.MessageId}}"}""",
            $$"""{"message_id":"{{ConversationEvents.MessageId}}","interaction_id":["not","a","string"],"full_message":"Hi","conversation_completed":false,"type":"interaction-complete"}""");
        using var client = server.CreateClient();

        var events = new List<ConversationEvent>();
        await foreach (var e in Create(client))
        {
            events.Add(e);
        }

        var piece = events.OfType<NewMessageEvent>().Single();
        Assert.That(piece.MessageId, Is.EqualTo(ConversationEvents.MessageId));
        Assert.That(piece.DecodeIssues.Select(i => (i.Kind, i.Path)), Is.EquivalentTo(new[]
        {
            (AmigoDecodeIssueKind.WrongType, "message"),
            (AmigoDecodeIssueKind.WrongType, "transcript_alignment"),
            (AmigoDecodeIssueKind.WrongType, "stop"),
            (AmigoDecodeIssueKind.WrongType, "sequence_number"),
        }));
        Assert.That(piece.DecodeIssues.Single(i => i.Path == "sequence_number").Expected, Is.EqualTo("an integer"));
        var complete = events.OfType<InteractionCompleteEvent>().Single();
        Assert.That(complete.FullMessage, Is.EqualTo("Hi"), "the discriminator last goes through JsonSubTypes: same semantics");
        Assert.That(complete.DecodeIssues.Single().Path, Is.EqualTo("interaction_id"));
        Assert.That(complete.DecodeIssues.Single().Expected, Is.EqualTo("a string"));
    }

    [Test]
    public async Task A_null_the_spec_does_not_allow_leaves_a_reference_null_and_a_number_at_its_default()
    {
        await using var server = await TurnServerAsync(
            ConversationEvents.Created(ConversationId),
            """{"type":"current-agent-action","action":{"type":"tool-call-ended","tool_round_index":null,"tool_id":"t","tool_version":"1","input_parameters":null,"result":null,"duration":null}}""",
            ConversationEvents.Complete("x"));
        using var client = server.CreateClient();

        var result = await Create(client).CollectAsync();

        var ended = result.AgentActions.OfType<ToolCallEndedEvent>().Single();
        Assert.That(ended.Result, Is.Null);
        Assert.That(ended.Duration, Is.Zero);
        Assert.That(ended.ToolRoundIndex, Is.Zero);
        var expected = new List<(AmigoDecodeIssueKind, string)>
        {
            (AmigoDecodeIssueKind.UnexpectedNull, "tool_round_index"),
            (AmigoDecodeIssueKind.UnexpectedNull, "result"),
            (AmigoDecodeIssueKind.UnexpectedNull, "duration"),
        };
        InputParametersNull(ended, expected);
        Assert.That(ended.DecodeIssues.Select(i => (i.Kind, i.Property)), Is.EquivalentTo(expected));
    }

    /// <summary>
    /// The newest release's tool-call input parameters (TolerantDecodingTests.InputParameters.cs): null, and the
    /// issue that null is.
    /// </summary>
    static partial void InputParametersNull(ToolCallEndedEvent ended, List<(AmigoDecodeIssueKind, string)> expected);

    [TestCase("""{"type":"new-message","message":"hi","stop":tru,"sequence_number":1,"message_id":"m"}""")]
    [TestCase("""{"message":"hi","stop":tru,"sequence_number":1,"message_id":"m","type":"new-message"}""")]
    [TestCase("""{"type":"new-message","message":"hi","stop":true,"sequence_number":1,"message_id":"m","extra":[1,}""")]
    [TestCase("""["not","an","event"]""")]
    public async Task JSON_that_cannot_be_read_still_fails_the_stream(string line)
    {
        await using var server = await TurnServerAsync(ConversationEvents.Created(ConversationId), line, ConversationEvents.Complete("x"));
        using var client = server.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(() => Create(client).CollectAsync());

        Assert.That(error, Is.TypeOf<AmigoStreamException>());
        Assert.That(((AmigoStreamException)error!).LineNumber, Is.EqualTo(2));
    }

    private static Task<HostileServer> ResponseServerAsync(string body) => HostileServer.StartAsync(async context =>
    {
        if (HostileServer.IsSignIn(context))
        {
            await HostileServer.SignInAsync(context);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    });

    private const string DriftingConversations = """
        {"conversations":[
          {"id":"65f1c0ffee0123456789abc1","user_id":"u","created_at":"2025-01-01T00:00:00Z","is_finished":false,"is_analyzed":false,"completed_post_processings":[],"final_message":"Bye","service_id":"65f1c0ffee0123456789abce","version_set_info":null,"num_messages":2,"tags":{}},
          {"id":"65f1c0ffee0123456789abc2","user_id":"u","created_at":"2025-01-01T00:00:00Z","is_finished":"no","is_analyzed":false,"completed_post_processings":[],"final_message":"Bye","service_id":{"id":"x"},"version_set_info":null,"num_messages":2,"tags":{}},
          42
        ],"has_more":false,"continuation_token":null}
        """;

    [Test]
    public async Task An_ordinary_response_is_decoded_tolerantly_too()
    {
        await using var server = await ResponseServerAsync(DriftingConversations);
        var logs = new LogCapture();
        using var client = server.CreateClient(o => o.LoggerFactory = logs);

        var conversations = new List<ConversationInstance>();
        await foreach (var conversation in client.Conversations.GetConversationsAsync())
        {
            conversations.Add(conversation);
        }

        Assert.That(conversations.Select(c => c.Id), Is.EqualTo(new[] { "65f1c0ffee0123456789abc1", "65f1c0ffee0123456789abc2" }), "an element of the wrong type is left out");
        Assert.That(AmigoDecodeIssues.Of(conversations[0]), Is.Empty);
        Assert.That(AmigoDecodeIssues.Of(conversations[1]).Select(i => (i.Kind, i.Path)), Is.EquivalentTo(new[]
        {
            (AmigoDecodeIssueKind.WrongType, "conversations[1].service_id"),
            (AmigoDecodeIssueKind.WrongType, "conversations[1].is_finished"),
        }));
        Assert.That(logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message),
            Has.Some.Contains("conversations[].service_id").And.Some.Contains("at conversations[] ("), "array indexes are not part of what is logged once");
    }

    [Test]
    public async Task An_ordinary_response_fails_with_StrictDecoding_as_before()
    {
        await using var server = await ResponseServerAsync(DriftingConversations);
        using var client = server.CreateClient(o => o.StrictDecoding = true);

        var error = Assert.CatchAsync<AmigoException>(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoDecodeException>());
        Assert.That(((AmigoDecodeException)error!).Operation, Is.EqualTo("get-conversations"));
    }

    [TestCase("""{"conversations":[],"has_more":fals,"continuation_token":null}""")]
    [TestCase("""{"conversations":[{"id":"65f1c0ffee0123456789abc1","is_finished":"no"}],"has_more":false""")]
    [TestCase("""[]""")]
    public async Task An_ordinary_response_that_cannot_be_read_is_an_AmigoDecodeException(string body)
    {
        await using var server = await ResponseServerAsync(body);
        using var client = server.CreateClient();

        var error = Assert.CatchAsync<AmigoException>(async () =>
        {
            await foreach (var _ in client.Conversations.GetConversationsAsync())
            {
            }
        });

        Assert.That(error, Is.TypeOf<AmigoDecodeException>());
        Assert.That(error!.Message, Does.Contain("get-conversations").And.Contain("GetConversationsResponse"));
    }
}
