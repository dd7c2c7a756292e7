namespace Amigo;

/// <summary>
/// Checks what the spec constrains before a request is sent, so that a bad argument fails at the call with an
/// <see cref="ArgumentException"/> naming the parameter instead of a 422 from the server.
/// </summary>
internal static class AmigoValidation
{
    /// <summary>The most tags a conversation or a dynamic behavior set can hold (the spec's <c>maxProperties</c>).</summary>
    public const int MaxTags = 20;

    /// <summary>The longest tag value accepted.</summary>
    public const int MaxTagValueLength = 100;

    /// <summary>The most metrics one evaluation can compute.</summary>
    public const int MaxMetricIds = 10;

    /// <summary>Throws unless <paramref name="value"/> is a 24-character lowercase hexadecimal id (<c>^[a-f0-9]{24}$</c>).</summary>
    public static string ObjectId(string? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"{paramName} is required: a 24-character lowercase hexadecimal id.");
        }

        if (!IsObjectId(value))
        {
            throw new ArgumentException($"{paramName} must be a 24-character lowercase hexadecimal id (^[a-f0-9]{{24}}$), but was {Quote(value)}.", paramName);
        }

        return value;
    }

    /// <summary>Checks every id of an optional list; returns null for null or empty, and drops repeats where the spec wants unique items.</summary>
    public static IReadOnlyList<string>? ObjectIds(IEnumerable<string>? values, string paramName, bool distinct)
    {
        if (values is null)
        {
            return null;
        }

        var result = new List<string>();
        var index = 0;
        foreach (var value in values)
        {
            ObjectId(value, $"{paramName}[{index}]");
            if (!distinct || !result.Contains(value, StringComparer.Ordinal))
            {
                result.Add(value);
            }

            index++;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>Non-null, non-blank strings; returns null for null or empty; drops repeats if <paramref name="distinct"/>.</summary>
    public static IReadOnlyList<string>? NonBlankStrings(IEnumerable<string>? values, string paramName, bool distinct)
    {
        if (values is null)
        {
            return null;
        }

        var result = new List<string>();
        var index = 0;
        foreach (var value in values)
        {
            NonBlank(value, $"{paramName}[{index}]");
            if (!distinct || !result.Contains(value, StringComparer.Ordinal))
            {
                result.Add(value);
            }

            index++;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>Throws unless <paramref name="value"/> has a non-whitespace character (the spec's stripped non-empty strings).</summary>
    public static string NonBlank(string? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"{paramName} is required.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{paramName} must contain a non-whitespace character.", paramName);
        }

        return value;
    }

    /// <summary>
    /// Throws unless <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>], the range the spec
    /// gives for the operation's <c>limit</c>.
    /// </summary>
    public static int? PageSize(int? value, int min, int max, string paramName)
    {
        if (value is { } size && (size < min || size > max))
        {
            throw new ArgumentOutOfRangeException(paramName, size, $"{paramName} must be between {min} and {max} (the operation's limit range), but was {size}.");
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int Range(int value, int min, int max, string paramName)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be between {min} and {max}, but was {value}.");
        }

        return value;
    }

    /// <summary>
    /// Checks a tag map: at most <see cref="MaxTags"/> entries; keys made of letters, digits, underscores and spaces;
    /// values null (a tag without a value) or made of the same characters and at most <see cref="MaxTagValueLength"/> long.
    /// </summary>
    public static void Tags(IEnumerable<KeyValuePair<string, string?>>? tags, string paramName)
    {
        if (tags is null)
        {
            return;
        }

        var count = 0;
        foreach (var (key, value) in tags)
        {
            count++;
            TagKey(key, paramName);
            TagValue(value, key, paramName);
        }

        if (count > MaxTags)
        {
            throw new ArgumentException($"{paramName} has {count} tags; at most {MaxTags} are allowed.", paramName);
        }
    }

    /// <summary>Throws unless <paramref name="key"/> is a valid tag key (letters, digits, underscores or spaces; not blank).</summary>
    public static void TagKey(string? key, string paramName)
    {
        if (key is null || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"{paramName} has a blank tag key; keys must contain letters, digits, underscores or spaces.", paramName);
        }

        if (!IsTagText(key))
        {
            throw new ArgumentException($"{paramName} has tag key {Quote(key)}: keys may contain only letters, digits, underscores or spaces.", paramName);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is null or a valid tag value.</summary>
    public static void TagValue(string? value, string key, string paramName)
    {
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{paramName} has a blank value for tag {Quote(key)}; use null for a tag without a value.", paramName);
        }

        if (value.Length > MaxTagValueLength)
        {
            throw new ArgumentException($"{paramName} has a value of {value.Length} characters for tag {Quote(key)}; at most {MaxTagValueLength} are allowed.", paramName);
        }

        if (!IsTagText(value))
        {
            throw new ArgumentException($"{paramName} has value {Quote(value)} for tag {Quote(key)}: values may contain only letters, digits, underscores or spaces.", paramName);
        }
    }

    /// <summary>Checks metric ids: 1 to <see cref="MaxMetricIds"/>, each a 24-hex id, no repeats.</summary>
    public static IReadOnlyList<string> MetricIds(IEnumerable<string>? metricIds, string paramName)
    {
        if (metricIds is null)
        {
            throw new ArgumentNullException(paramName, $"{paramName} is required: 1 to {MaxMetricIds} metric ids.");
        }

        var ids = metricIds.ToList();
        if (ids.Count is 0 or > MaxMetricIds)
        {
            throw new ArgumentException($"{paramName} must hold 1 to {MaxMetricIds} metric ids, but has {ids.Count}.", paramName);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            ObjectId(ids[i], $"{paramName}[{i}]");
            if (!seen.Add(ids[i]))
            {
                throw new ArgumentException($"{paramName} lists metric {ids[i]} more than once; each metric can be evaluated once per call.", paramName);
            }
        }

        return ids;
    }

    /// <summary>Throws unless <paramref name="triggers"/> holds 1 to 50 non-blank conversation triggers.</summary>
    public static void ConversationTriggers(IList<string>? triggers, string paramName)
    {
        if (triggers is null || triggers.Count is 0 or > 50)
        {
            throw new ArgumentException($"{paramName} must hold 1 to 50 conversation triggers, but has {triggers?.Count ?? 0}.", paramName);
        }

        for (var i = 0; i < triggers.Count; i++)
        {
            NonBlank(triggers[i], $"{paramName}[{i}]");
        }
    }

    internal static bool IsObjectId(string value)
    {
        if (value.Length != 24)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    // The spec's tag pattern is Python's ^[\w\s]+$: word characters (letters, digits, underscore) and whitespace.
    private static bool IsTagText(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsLetterOrDigit(c) && c != '_' && !char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string value) => value.Length <= 60 ? $"'{value}'" : $"'{value[..60]}…' ({value.Length} characters)";
}
