namespace Amigo;

/// <summary>What was wrong with one value of a response or event that was decoded anyway.</summary>
public enum AmigoDecodeIssueKind
{
    /// <summary>A property the spec requires was absent. It keeps the value the model's constructor gives it.</summary>
    MissingRequired,

    /// <summary>
    /// A property the spec does not allow to be null was null. A reference-type property is null; a value-type one
    /// (a number, a boolean) keeps its default.
    /// </summary>
    UnexpectedNull,

    /// <summary>
    /// A value could not be read as the property's type (a JSON object where a string belongs, a string where a
    /// number belongs, an enum value the SDK does not know, a tuple of the wrong length...). The value was skipped:
    /// the property keeps its default, and an array element or dictionary entry is left out.
    /// </summary>
    WrongType,
}

/// <summary>
/// One place where a response or event did not match the API spec but was decoded anyway (see
/// <see cref="AmigoClientOptions.StrictDecoding"/>). Get them with <see cref="AmigoDecodeIssues.Of"/>, or
/// <c>DecodeIssues</c> on an event or action.
/// </summary>
public sealed class AmigoDecodeIssue
{
    internal AmigoDecodeIssue(AmigoDecodeIssueKind kind, string path, string property, Type declaringType, string expected)
    {
        Kind = kind;
        Path = path;
        Property = property;
        DeclaringType = declaringType;
        Expected = expected;
    }

    /// <summary>What was wrong.</summary>
    public AmigoDecodeIssueKind Kind { get; }

    /// <summary>
    /// Where, as a JSON path from the root of the decoded document (the event's line, or the response body), with
    /// the JSON property names: <c>action.input_parameters</c>, <c>conversations[3].service_id</c>.
    /// </summary>
    public string Path { get; }

    /// <summary>The JSON name of the property (<c>input_parameters</c>), or the index of an array element (<c>[3]</c>).</summary>
    public string Property { get; }

    /// <summary>The model type that holds the property (for example <c>ToolCallEndedEvent</c>), or the collection type.</summary>
    public Type DeclaringType { get; }

    /// <summary>What the spec expects there, for example <c>a string</c> or <c>an integer</c>.</summary>
    public string Expected { get; }

    /// <summary>The problem as a sentence fragment, for example <c>the required property is missing</c>.</summary>
    public string Problem => Kind switch
    {
        AmigoDecodeIssueKind.MissingRequired => "the required property is missing",
        AmigoDecodeIssueKind.UnexpectedNull => "the value is null, which the spec does not allow",
        _ => "the value is not " + Expected + ", so it was skipped",
    };

    /// <summary>The path and the problem, for example <c>action.result: the required property is missing (ToolCallEndedEvent)</c>.</summary>
    public override string ToString() => $"{Path}: {Problem} ({DeclaringType.Name})";
}
