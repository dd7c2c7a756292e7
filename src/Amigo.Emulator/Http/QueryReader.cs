using System.Globalization;
using Amigo.Emulator.State;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Http;

/// <summary>Reads query parameters the way FastAPI does, reporting problems into a <see cref="Validation"/>.</summary>
internal sealed class QueryReader(IQueryCollection query, Validation validation)
{
    public const string HexIdPattern = "^[a-f0-9]{24}$";

    private static readonly string[] TrueValues = ["1", "true", "on", "yes", "t", "y"];
    private static readonly string[] FalseValues = ["0", "false", "off", "no", "f", "n"];

    public bool Has(string name) => query.ContainsKey(name);

    /// <summary>The last value of a scalar parameter, as FastAPI reads it, or null when absent.</summary>
    public string? Raw(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    public string? String(string name, bool required = false, int? minLength = null, bool strip = false)
    {
        var value = Raw(name);
        if (value is null)
        {
            if (required)
            {
                validation.Missing("query", name);
            }

            return null;
        }

        var checkedValue = strip ? value.Trim() : value;
        if (minLength is int min && checkedValue.Length < min)
        {
            validation.TooShort(min, value, "query", name);
            return null;
        }

        return checkedValue;
    }

    public string? Choice(string name, IReadOnlyList<string> allowed, bool required)
    {
        var value = String(name, required);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            validation.Choice(allowed, value, "query", name);
            return null;
        }

        return value;
    }

    public int Int(string name, int defaultValue, int? minimum = null, int? exclusiveMinimum = null, int? maximum = null)
    {
        var value = Raw(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            validation.Add("int_parsing", "Input should be a valid integer, unable to parse string as an integer",
                value, null, "query", name);
            return defaultValue;
        }

        if (exclusiveMinimum is int gt && parsed <= gt)
        {
            validation.Add("greater_than", $"Input should be greater than {gt}", value, new JObject { ["gt"] = gt },
                "query", name);
        }
        else if (minimum is int ge && parsed < ge)
        {
            validation.Add("greater_than_equal", $"Input should be greater than or equal to {ge}", value,
                new JObject { ["ge"] = ge }, "query", name);
        }
        else if (maximum is int le && parsed > le)
        {
            validation.Add("less_than_equal", $"Input should be less than or equal to {le}", value,
                new JObject { ["le"] = le }, "query", name);
        }

        return parsed;
    }

    /// <summary>Continuation tokens: an integer offset, never negative.</summary>
    public int ContinuationToken() => Int("continuation_token", 0, minimum: 0);

    public bool? Bool(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            return null;
        }

        var normalized = value.Trim().ToLowerInvariant();
        if (TrueValues.Contains(normalized))
        {
            return true;
        }

        if (FalseValues.Contains(normalized))
        {
            return false;
        }

        validation.Add("bool_parsing", "Input should be a valid boolean, unable to interpret input", value, null,
            "query", name);
        return null;
    }

    public IReadOnlyList<string> List(string name, bool unique = false, string? pattern = null)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i] ?? "";
            if (pattern == HexIdPattern && !ObjectIds.IsValid(value))
            {
                validation.Pattern(pattern, value, "query", name, i);
                continue;
            }

            if (unique && result.Contains(value, StringComparer.Ordinal))
            {
                continue;
            }

            result.Add(value);
        }

        return result;
    }

    public IReadOnlyList<string> HexIds(string name, bool unique = true) => List(name, unique, HexIdPattern);

    /// <summary>Parses <c>sort_by</c>: each value is <c>+field</c> or <c>-field</c> with a supported field.</summary>
    public IReadOnlyList<(string Field, bool Descending)> SortBy(params string[] supported)
    {
        var result = new List<(string, bool)>();
        var values = List("sort_by");
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var field = value.Length > 1 ? value[1..] : "";
            if (value.Length < 2 || value[0] is not ('+' or '-') || !supported.Contains(field, StringComparer.Ordinal))
            {
                validation.ValueError(
                    $"sort_by values must be '+' or '-' followed by one of: {string.Join(", ", supported)} " +
                    "(a '+' must be percent-encoded as %2B in a query string)", value, "query", "sort_by", i);
                continue;
            }

            result.Add((field, value[0] == '-'));
        }

        return result;
    }

    /// <summary>Parses <c>tag</c> filters of the form <c>key:value</c>; a value of <c>*</c> matches any value, empty matches null.</summary>
    public IReadOnlyList<(string Key, string? Value, bool Any)> Tags()
    {
        var result = new List<(string, string?, bool)>();
        var values = List("tag");
        for (var i = 0; i < values.Count; i++)
        {
            var separator = values[i].IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0)
            {
                validation.ValueError("tags must be specified as 'key:value'", values[i], "query", "tag", i);
                continue;
            }

            var key = values[i][..separator];
            var value = values[i][(separator + 1)..];
            result.Add((key, value.Length == 0 ? null : value, value == "*"));
        }

        return result;
    }

    public static bool MatchesTags(IReadOnlyDictionary<string, string?> tags, IReadOnlyList<(string Key, string? Value, bool Any)> filters) =>
        filters.All(f => tags.TryGetValue(f.Key, out var value) && (f.Any || value == f.Value));
}
