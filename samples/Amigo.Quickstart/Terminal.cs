using Amigo.Generated;

namespace Amigo.Quickstart;

/// <summary>The quickstart's output: short, colored when the terminal allows it, and streamed as it arrives.</summary>
internal sealed class Terminal
{
    private static readonly bool Colors = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public void Heading(string text) => Write(ConsoleColor.Cyan, $"\n{text}\n{new string('─', Math.Min(text.Length, 72))}\n");

    public void Step(string text) => Write(ConsoleColor.DarkCyan, $"\n▸ {text}\n");

    public void User(string text) => Write(ConsoleColor.Green, $"\n  you   › {text}\n");

    public void Note(string text) => Write(ConsoleColor.DarkGray, $"  {text}\n");

    public void Done(string text) => Write(ConsoleColor.Cyan, $"\n{text}\n");

    public static void Error(string text)
    {
        if (Colors) Console.ForegroundColor = ConsoleColor.Red;
        Console.Error.WriteLine($"\nError: {text}");
        if (Colors) Console.ResetColor();
    }

    public void Transcript(MessageInstance message) =>
        Write(ConsoleColor.Gray, $"  {(message.MessageType == MessageType.UserMessage ? "you" : "agent"),-5} │ {Trim(message.Message)}\n");

    /// <summary>Prints one turn as it streams: the agent's actions briefly, then its reply piece by piece.</summary>
    /// <returns>The conversation the turn belongs to (when creating) and whether the agent ended the conversation.</returns>
    public async Task<(string? ConversationId, bool ConversationCompleted)> StreamTurnAsync(ConversationEventStream stream, CancellationToken cancellationToken)
    {
        var replying = false;
        var actions = new List<string>();
        string? conversationId = null;
        var completed = false;
        await foreach (var update in stream.WithCancellation(cancellationToken))
        {
            if (update.DecodeIssues is { Count: > 0 } issues)
            {
                var name = update is CurrentAgentActionEvent { Action: { } drifted } ? drifted.Type : update.Type;
                Note($"⚠ the server's {name} event did not match the API spec ({string.Join(", ", issues.Select(Describe))}); shown anyway");
            }

            switch (update)
            {
                case ConversationCreatedEvent created:
                    conversationId = created.ConversationId;
                    Write(ConsoleColor.DarkGray, $"  conversation {created.ConversationId}\n");
                    break;
                case CurrentAgentActionEvent { Action: { } action }:
                    actions.Add(action is ActionTooLongEvent slow ? $"{action.Type} (\"{Trim(slow.GetFiller().ToString())}\")" : action.Type ?? "?");
                    break;
                case NewMessageEvent piece:
                    if (!replying)
                    {
                        if (actions.Count > 0) Write(ConsoleColor.DarkGray, $"  ⋯ {actions.Count} agent steps, ending {string.Join(" → ", actions.TakeLast(3))}\n");
                        Write(ConsoleColor.Yellow, "  agent › ");
                    }
                    replying = true;
                    Write(ConsoleColor.White, piece.Message);
                    break;
                case InteractionCompleteEvent complete:
                    completed = complete.ConversationCompleted;
                    Console.WriteLine();
                    break;
            }
        }
        return (conversationId, completed);
    }

    private static string Describe(AmigoDecodeIssue issue) => issue.Kind switch
    {
        AmigoDecodeIssueKind.MissingRequired => $"{issue.Path} missing",
        AmigoDecodeIssueKind.UnexpectedNull => $"{issue.Path} null",
        _ => $"{issue.Path} of the wrong type",
    };

    private static string Trim(string? text) => text is null ? "" : text.Length <= 90 ? text : text[..87] + "...";

    private static void Write(ConsoleColor color, string text)
    {
        if (Colors) Console.ForegroundColor = color;
        Console.Write(text);
        if (Colors) Console.ResetColor();
    }
}
