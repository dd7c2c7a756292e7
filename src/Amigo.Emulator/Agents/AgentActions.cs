using Amigo.Emulator.Audio;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator;

/// <summary>
/// Builders for the nested <c>action</c> objects of <c>current-agent-action</c> events, with the spec's field names.
/// Use them in <see cref="AgentReply.Actions"/>, or <see cref="Custom"/> for any other (or a future, unknown) type.
/// </summary>
public static class AgentActions
{
    private const string ToolId = "65f1c0ffee00000000000001";
    private const string StateMachineId = "65f1c0ffee00000000000002";

    /// <summary>An action of any <paramref name="type"/> with the given extra properties (an anonymous object or JObject).</summary>
    /// <param name="type">The action's <c>type</c>.</param>
    /// <param name="properties">Extra properties, or null.</param>
    public static JObject Custom(string type, object? properties = null)
    {
        var action = properties is null ? new JObject() : JObject.FromObject(properties);
        action.AddFirst(new JProperty("type", type));
        return action;
    }

    /// <summary><c>tool-call-started</c>.</summary>
    /// <param name="toolId">The tool id.</param>
    /// <param name="inputParameters">The tool's input parameters (an anonymous object or JObject), or null.</param>
    public static JObject ToolCallStarted(string toolId = ToolId, object? inputParameters = null) => new()
    {
        ["type"] = "tool-call-started",
        ["tool_round_index"] = 0,
        ["tool_id"] = toolId,
        ["tool_version"] = "1.2.0",
        ["input_params"] = inputParameters is null ? new JObject { ["query"] = "weather today" } : JObject.FromObject(inputParameters),
    };

    /// <summary><c>tool-call-ended</c>.</summary>
    /// <param name="result">The tool's result.</param>
    /// <param name="toolId">The tool id.</param>
    public static JObject ToolCallEnded(string result = "Sunny, 21 degrees.", string toolId = ToolId) => new()
    {
        ["type"] = "tool-call-ended",
        ["tool_round_index"] = 0,
        ["tool_id"] = toolId,
        ["tool_version"] = "1.2.0",
        ["input_parameters"] = new JObject { ["query"] = "weather today" },
        ["result"] = result,
        ["duration"] = 1.75,
    };

    /// <summary><c>action-too-long</c> with a text filler (or base64 WAV audio, see <see cref="AudioFiller"/>).</summary>
    /// <param name="filler">The filler: plain text, or base64 16 kHz mono PCM16 WAV.</param>
    /// <param name="previouslyStartedEvent">The slow action, by default a <c>tool-call-started</c>.</param>
    public static JObject ActionTooLong(string filler = "One moment while I look that up.", JObject? previouslyStartedEvent = null) => new()
    {
        ["type"] = "action-too-long",
        ["filler"] = filler,
        ["previously_started_event"] = previouslyStartedEvent ?? ToolCallStarted(),
    };

    /// <summary>A base64 WAV (16 kHz, mono, PCM16) filler, as sent in voice mode.</summary>
    /// <param name="text">The text the filler "says".</param>
    public static string AudioFiller(string text = "One moment.") => Convert.ToBase64String(Pcm.Wav(text));

    /// <summary><c>navigate-state-machine-state-transitioned</c>.</summary>
    /// <param name="previousState">The state left.</param>
    /// <param name="nextState">The state entered.</param>
    public static JObject StateTransitioned(string previousState, string nextState) => new()
    {
        ["type"] = "navigate-state-machine-state-transitioned",
        ["prev_state"] = previousState,
        ["prev_state_state_machine_version_info"] = new JArray(StateMachineId, 3),
        ["next_state"] = nextState,
        ["next_state_state_machine_version_info"] = new JArray(StateMachineId, 3),
    };

    /// <summary><c>engage-user-message-fragment-generated</c>.</summary>
    /// <param name="index">The fragment index.</param>
    /// <param name="fragment">The fragment.</param>
    /// <param name="isFinal">Whether it is the last fragment.</param>
    public static JObject MessageFragmentGenerated(int index, string fragment, bool isFinal) => new()
    {
        ["type"] = "engage-user-message-fragment-generated",
        ["index"] = index,
        ["fragment"] = fragment,
        ["is_final"] = isFinal,
    };

    /// <summary>The default sequence: dynamic-behavior selection, memory, state navigation, a slow tool call with
    /// <c>action-too-long</c>, and the engage-user fragment.</summary>
    internal static IReadOnlyList<JObject> Default(AgentTurn turn, (string SetId, int Version)? triggered, string message)
    {
        var voice = turn.ResponseFormat == "voice";
        var started = ToolCallStarted(inputParameters: new { query = turn.Message.Length > 0 ? turn.Message : "greeting" });
        var actions = new List<JObject>
        {
            Custom("select-dynamic-behavior-vector-generated"),
            Custom("select-dynamic-behavior-relevance-retrieval-completed"),
            new()
            {
                ["type"] = "select-dynamic-behavior-completed",
                ["selected_dynamic_behavior_set_version_info"] = triggered is { } t ? new JArray(t.SetId, t.Version) : JValue.CreateNull(),
                ["previous_selected_dynamic_behavior_set_version_info"] = JValue.CreateNull(),
            },
            new()
            {
                ["type"] = "check-if-active-memory-needed-completed",
                ["queries"] = new JArray("What does the user prefer to talk about?"),
            },
            StateTransitioned(turn.TurnIndex == 0 ? "start" : "listen", "respond"),
            Custom("navigate-state-machine-action-state-action-selected", new { action = "Answer the user warmly." }),
            started,
            ActionTooLong(voice ? AudioFiller("One moment.") : "One moment while I look that up.", started),
            ToolCallEnded(),
        };
        if (triggered is not null)
        {
            actions.Add(Custom("engage-user-dynamic-behavior-override",
                new { overriding_instructions = true, overriding_tool_candidates = false }));
        }

        actions.Add(MessageFragmentGenerated(0, message, true));
        return actions;
    }
}
