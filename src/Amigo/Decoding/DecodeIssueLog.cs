using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Amigo;

/// <summary>
/// Logs a warning for each kind of decode issue a client meets, once: per type of the decoded value (the event or
/// response), model, path (array indexes ignored) and kind. A server that drifts from the spec is worth knowing
/// about, but not once per event. Thread-safe; remembers at most a few hundred kinds.
/// </summary>
internal sealed partial class DecodeIssueLog(ILogger logger)
{
    private const int MaxKinds = 512;
    private readonly ConcurrentDictionary<string, byte> _logged = new(StringComparer.Ordinal);

    public void Report(string operation, object value, IReadOnlyList<AmigoDecodeIssue> issues)
    {
        foreach (var issue in issues)
        {
            var path = Indexes.Replace(issue.Path, "[]");
            var key = $"{value.GetType().FullName}|{issue.DeclaringType.FullName}|{path}|{issue.Kind}";
            if (_logged.Count < MaxKinds && _logged.TryAdd(key, 0))
            {
                logger.LogDecodeIssue(operation, value.GetType().Name, path, issue.Problem, issue.DeclaringType.Name);
            }
        }
    }

    // A compiled Regex, not [GeneratedRegex]: that source generator does not run for netstandard2.0.
    private static readonly Regex Indexes = new(@"\[\d+\]", RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
