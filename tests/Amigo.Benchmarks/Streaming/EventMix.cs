using System.Text;
using Newtonsoft.Json;

namespace Amigo.Benchmarks.Streaming;

/// <summary>
/// Realistic NDJSON bodies: conversation turns as the API streams them, repeated to a fixed number of lines.
/// </summary>
public static class EventMix
{
    private const string MessageId = "65f1c0ffee0123456789abc2";

    /// <summary>A text turn: user message, agent actions, 40 text pieces of ~25 characters, interaction-complete.</summary>
    public static IEnumerable<string> TextTurn()
    {
        yield return """{"type":"user-message-available","message_id":"65f1c0ffee0123456789abc1","user_message":"Can you help me plan meals for the week? I'm vegetarian."}""";
        foreach (var action in Actions())
        {
            yield return action;
        }
        var words = "Of course! Here is a simple plan built around lentils, chickpeas, tofu and seasonal vegetables, with leftovers used for lunches. ".Split(' ');
        for (int i = 0; i < 40; i++)
        {
            string piece = string.Join(' ', words.Skip(i % 10).Take(4)) + " ";
            yield return JsonConvert.SerializeObject(new
            {
                type = "new-message", message = piece, transcript_alignment = (object?)null, stop = i == 39,
                sequence_number = i, message_id = MessageId,
            });
        }
        yield return Complete();
    }

    /// <summary>A voice turn: the same actions, 20 pieces of 100 ms of 16 kHz PCM16 (base64) with alignment.</summary>
    public static IEnumerable<string> VoiceTurn()
    {
        yield return """{"type":"user-message-available","message_id":"65f1c0ffee0123456789abc1","user_message":"what's on my calendar tomorrow"}""";
        foreach (var action in Actions())
        {
            yield return action;
        }
        var random = new Random(42);
        var pcm = new byte[3200];
        for (int i = 0; i < 20; i++)
        {
            random.NextBytes(pcm);
            var alignment = Enumerable.Range(0, 8).Select(c => new object[] { i * 100 + c * 12, ((char)('a' + c)).ToString() }).ToArray();
            yield return JsonConvert.SerializeObject(new
            {
                type = "new-message", message = Convert.ToBase64String(pcm), transcript_alignment = alignment, stop = i == 19,
                sequence_number = i, message_id = MessageId,
            });
        }
        yield return Complete();
    }

    private static IEnumerable<string> Actions()
    {
        yield return """{"type":"current-agent-action","action":{"type":"select-dynamic-behavior-completed","selected_dynamic_behavior_set_version_info":["65f1c0ffee0123456789abd0",3],"previous_selected_dynamic_behavior_set_version_info":null}}""";
        yield return """{"type":"current-agent-action","action":{"type":"check-if-active-memory-needed-completed","queries":["dietary preferences","weekly schedule"]}}""";
        yield return """{"type":"current-agent-action","action":{"type":"tool-call-started","tool_round_index":0,"tool_id":"recipes","tool_version":"1.2.0","input_params":{"diet":"vegetarian","days":7}}}""";
        yield return """{"type":"current-agent-action","action":{"type":"action-too-long","filler":"One moment while I look that up.","previously_started_event":{"type":"tool-call-started","tool_id":"recipes"}}}""";
        yield return """{"type":"current-agent-action","action":{"type":"tool-call-ended","tool_round_index":0,"tool_id":"recipes","tool_version":"1.2.0","input_parameters":{"diet":"vegetarian","days":7},"result":"14 recipes","duration":1.82}}""";
        yield return """{"type":"current-agent-action","action":{"type":"engage-user-message-fragment-generated","index":0,"fragment":"Of course!","is_final":false}}""";
    }

    private static string Complete() =>
        $$"""{"type":"interaction-complete","message_id":"{{MessageId}}","interaction_id":"65f1c0ffee0123456789abc3","full_message":"Of course! Here is a simple plan...","conversation_completed":false}""";

    /// <summary>Repeats <paramref name="turn"/> until the body has <paramref name="lines"/> lines; returns its UTF-8 bytes.</summary>
    public static byte[] Body(Func<IEnumerable<string>> turn, int lines)
    {
        var body = new StringBuilder();
        int count = 0;
        while (count < lines)
        {
            foreach (var line in turn())
            {
                if (count++ == lines)
                {
                    break;
                }
                body.Append(line).Append('\n');
            }
        }
        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
