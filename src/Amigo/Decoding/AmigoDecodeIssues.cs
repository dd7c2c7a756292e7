using System.Runtime.CompilerServices;
using Amigo.Generated;

namespace Amigo;

/// <summary>
/// The decode issues of values the client read: what did not match the API spec in a response or an event that was
/// decoded anyway. By default the client reads what it can (see <see cref="AmigoClientOptions.StrictDecoding"/>):
/// <list type="bullet">
/// <item>a required property that is missing keeps its default value (<see cref="AmigoDecodeIssueKind.MissingRequired"/>);</item>
/// <item>a property that may not be null but is: a reference is null, a number or boolean keeps its default (<see cref="AmigoDecodeIssueKind.UnexpectedNull"/>);</item>
/// <item>a value of the wrong JSON type is skipped, and the rest of the object is read (<see cref="AmigoDecodeIssueKind.WrongType"/>);</item>
/// <item>properties the spec does not know are kept in the model's <c>AdditionalProperties</c> (no issue);</item>
/// <item>JSON that cannot be read at all still fails: <see cref="AmigoDecodeException"/>, or <see cref="AmigoStreamException"/> for a stream line.</item>
/// </list>
/// The top-level value (the event, or the response) lists every issue inside it; each nested model that had one
/// lists its own. Paths always start at the top-level value and use the JSON names (<c>action.result</c>,
/// <c>conversations[3].service_id</c>). A property reports one issue: a required value of the wrong type is
/// <see cref="AmigoDecodeIssueKind.WrongType"/>, not also missing; what was wrong inside a value that was skipped as a
/// whole is not reported.
/// </summary>
public static class AmigoDecodeIssues
{
    private static readonly ConditionalWeakTable<object, IReadOnlyList<AmigoDecodeIssue>> Table = new();

    /// <summary>The issues found when <paramref name="value"/> was decoded; empty when it matched the spec.</summary>
    /// <param name="value">An event, action, response or any model the client decoded.</param>
    public static IReadOnlyList<AmigoDecodeIssue> Of(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Table.TryGetValue(value, out var issues) ? issues : [];
    }

    /// <summary>The decode issues of a conversation event.</summary>
    extension(ConversationEvent conversationEvent)
    {
        /// <summary>What did not match the spec when this event was decoded (empty when it matched); see <see cref="AmigoDecodeIssues"/>.</summary>
        public IReadOnlyList<AmigoDecodeIssue> DecodeIssues => Of(conversationEvent);
    }

    /// <summary>The decode issues of an agent action.</summary>
    extension(ConversationAction action)
    {
        /// <summary>What did not match the spec when this action was decoded (empty when it matched); see <see cref="AmigoDecodeIssues"/>.</summary>
        public IReadOnlyList<AmigoDecodeIssue> DecodeIssues => Of(action);
    }

    internal static void Attach(object value, IReadOnlyList<AmigoDecodeIssue> issues) => Table.AddOrUpdate(value, issues);
}
