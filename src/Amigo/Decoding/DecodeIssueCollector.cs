using System.Collections;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Amigo;

/// <summary>
/// Tolerant decoding, on top of Newtonsoft.Json's error events. A tolerant serializer (see
/// <see cref="AmigoJsonDecoding"/>) routes every error raised while reading a property, array element or dictionary
/// entry here; while a decode is in progress on this thread, the error is marked handled (Newtonsoft.Json then skips
/// the value and reads on) and remembered. Errors outside any object (the document itself is of the wrong type) are
/// never handled. Once the value is read, <see cref="Complete"/> turns what was remembered into
/// <see cref="AmigoDecodeIssue"/>s with paths from the root, and attaches them to the models.
/// </summary>
/// <remarks>
/// Newtonsoft.Json's text reader cannot always skip a value of the wrong type cleanly, and a syntax error can also
/// surface inside a property; so callers read a document tolerantly from a <see cref="Newtonsoft.Json.Linq.JToken"/>
/// (whose loading fails for text that is not JSON) whenever the fast path met an issue.
/// Decoding is synchronous, so the thread-static collector is safe; each thread reuses one instance.
/// </remarks>
internal sealed class DecodeIssueCollector
{
    [ThreadStatic]
    private static DecodeIssueCollector? t_current;

    private readonly List<Raw> _raw = [];
    private bool _active;

    /// <summary>Starts collecting on this thread (nothing is collected unless the serializer is tolerant).</summary>
    public static DecodeIssueCollector Begin()
    {
        var collector = t_current ??= new DecodeIssueCollector();
        collector._raw.Clear();
        collector._active = true;
        return collector;
    }

    /// <summary>Whether any value was skipped or defaulted since <see cref="Begin"/>.</summary>
    public bool HasIssues => _raw.Count > 0;

    /// <summary>Stops collecting without reporting (the decode failed).</summary>
    public void Abandon()
    {
        _active = false;
        _raw.Clear();
    }

    /// <summary>
    /// Stops collecting, and returns the issues found in <paramref name="root"/> (null when there were none), after
    /// attaching them to <paramref name="root"/> and to each model that had one.
    /// </summary>
    public IReadOnlyList<AmigoDecodeIssue>? Complete(object? root, IContractResolver resolver)
    {
        _active = false;
        if (_raw.Count == 0 || root is null)
        {
            _raw.Clear();
            return null;
        }

        var paths = ObjectPaths.Find(root, _raw.Select(r => r.Target), resolver);
        var issues = new List<AmigoDecodeIssue>(_raw.Count);
        var byTarget = new Dictionary<object, List<AmigoDecodeIssue>>(ReferenceEqualityComparer.Instance);
        foreach (var raw in _raw)
        {
            var isCollection = raw.Target is IEnumerable and not IDictionary;
            var property = isCollection ? $"[{raw.Member}]" : Convert.ToString(raw.Member, System.Globalization.CultureInfo.InvariantCulture)!;
            // A model that is no longer reachable sat inside a value that was skipped itself: that issue is reported.
            if (!paths.TryGetValue(raw.Target, out var objectPath))
            {
                continue;
            }

            var path = isCollection || objectPath.Length == 0 ? objectPath + property : objectPath + "." + property;
            var issue = new AmigoDecodeIssue(raw.Kind, path, property, raw.Target.GetType(), Expected(raw.Target, raw.Member, resolver));
            issues.Add(issue);
            if (!isCollection && !ReferenceEquals(raw.Target, root))
            {
                (byTarget.TryGetValue(raw.Target, out var own) ? own : byTarget[raw.Target] = []).Add(issue);
            }
        }

        _raw.Clear();
        if (issues.Count == 0)
        {
            return null;
        }

        AmigoDecodeIssues.Attach(root, issues);
        foreach (var (target, own) in byTarget)
        {
            AmigoDecodeIssues.Attach(target, own);
        }

        return issues;
    }

    /// <summary>The handler of a tolerant serializer's <see cref="JsonSerializerSettings.Error"/> event.</summary>
    public static void OnError(object? sender, Newtonsoft.Json.Serialization.ErrorEventArgs args)
    {
        var collector = t_current;
        var context = args.ErrorContext;
        if (collector is not { _active: true } || context.Handled || args.CurrentObject is not { } target || context.Member is not { } member
            || context.Error is OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException)
        {
            return;
        }

        context.Handled = true;
        // A value of the wrong type is also reported missing when its property is required: keep the first.
        foreach (var raw in collector._raw)
        {
            if (ReferenceEquals(raw.Target, target) && Equals(raw.Member, member))
            {
                return;
            }
        }

        collector._raw.Add(new Raw(target, member, Classify(context.Error)));
    }

    private static AmigoDecodeIssueKind Classify(Exception error) => error switch
    {
        JsonSerializationException { Message: var m } when m.StartsWith("Required property", StringComparison.Ordinal) && m.Contains(" not found", StringComparison.Ordinal)
            => AmigoDecodeIssueKind.MissingRequired,
        JsonSerializationException { Message: var m } when m.StartsWith("Required property", StringComparison.Ordinal) || m.StartsWith("Error converting value {null}", StringComparison.Ordinal)
            => AmigoDecodeIssueKind.UnexpectedNull,
        _ => AmigoDecodeIssueKind.WrongType,
    };

    /// <summary>What the spec expects at <paramref name="member"/> of <paramref name="target"/>, in words.</summary>
    private static string Expected(object target, object member, IContractResolver resolver)
    {
        var type = resolver.ResolveContract(target.GetType()) switch
        {
            JsonObjectContract model when member is string name => model.Properties.GetClosestMatchProperty(name)?.PropertyType,
            JsonArrayContract array => array.CollectionItemType,
            JsonDictionaryContract dictionary => dictionary.DictionaryValueType,
            _ => null,
        };
        return Describe(type);
    }

    internal static string Describe(Type? type)
    {
        if (type is null)
        {
            return "a value of the declared type";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => "a string",
            TypeCode.Boolean => "a boolean",
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte or TypeCode.SByte
                when !type.IsEnum => "an integer",
            TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number",
            _ when type.IsEnum => $"one of the {type.Name} values the SDK knows",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date-time",
            _ when type == typeof(TimeSpan) => "a duration",
            _ when type == typeof(object) => "a JSON value",
            _ when typeof(IDictionary).IsAssignableFrom(type) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)) => "a JSON object",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "a JSON array",
            _ => $"a {type.Name}",
        };
    }

    private readonly record struct Raw(object Target, object Member, AmigoDecodeIssueKind Kind);

    /// <summary>Finds the JSON path of each target object inside the decoded value, walking its models by contract.</summary>
    private static class ObjectPaths
    {
        public static Dictionary<object, string> Find(object root, IEnumerable<object> targets, IContractResolver resolver)
        {
            var wanted = new HashSet<object>(targets, ReferenceEqualityComparer.Instance);
            var found = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
            var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
            var pending = new Stack<(object Value, string Path)>();
            pending.Push((root, ""));
            while (pending.Count > 0 && found.Count < wanted.Count)
            {
                var (value, path) = pending.Pop();
                if (!visited.Add(value))
                {
                    continue;
                }

                if (wanted.Contains(value))
                {
                    found[value] = path;
                }

                switch (resolver.ResolveContract(value.GetType()))
                {
                    case JsonObjectContract model:
                        foreach (var property in model.Properties)
                        {
                            if (!property.Ignored && property.Readable && property.ValueProvider?.GetValue(value) is { } child && IsWalkable(child))
                            {
                                pending.Push((child, path.Length == 0 ? property.PropertyName! : path + "." + property.PropertyName));
                            }
                        }

                        break;
                    case JsonDictionaryContract when value is IDictionary dictionary:
                        foreach (DictionaryEntry entry in dictionary)
                        {
                            if (entry.Value is { } child && IsWalkable(child))
                            {
                                pending.Push((child, path.Length == 0 ? $"{entry.Key}" : $"{path}.{entry.Key}"));
                            }
                        }

                        break;
                    case JsonArrayContract when value is IEnumerable items:
                        var index = 0;
                        foreach (var item in items)
                        {
                            if (item is { } child && IsWalkable(child))
                            {
                                pending.Push((child, $"{path}[{index}]"));
                            }

                            index++;
                        }

                        break;
                }
            }

            return found;
        }

        private static bool IsWalkable(object value) =>
            value is not (string or Newtonsoft.Json.Linq.JToken) && !value.GetType().IsValueType && value.GetType() != typeof(object);
    }
}
