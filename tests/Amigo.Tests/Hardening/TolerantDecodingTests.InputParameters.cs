// Requires: ToolCallEndedEvent.InputParameters
using Amigo.Generated;

namespace Amigo.Tests.Hardening;

/// <summary>A tool call's input parameters, which only the newest spec release has.</summary>
public sealed partial class TolerantDecodingTests
{
    static partial void InputParametersNull(ToolCallEndedEvent ended, List<(AmigoDecodeIssueKind, string)> expected)
    {
        Assert.That(ended.InputParameters, Is.Null);
        expected.Add((AmigoDecodeIssueKind.UnexpectedNull, "input_parameters"));
    }
}
