using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Spec;

/// <summary>
/// Builds a deterministic value that satisfies a schema of the merged spec: required properties always (optional ones
/// near the top), the first enum value or default, strings that match the pattern and length bounds, numbers inside
/// the bounds, discriminated unions as their first known variant, tuples as JSON arrays, and so on.
/// </summary>
internal sealed class SchemaSynthesizer(EmulatorSpec spec)
{
    /// <summary>Below this depth only required properties are written, and arrays get their minimum length.</summary>
    private const int FullDepth = 4;
    private const int MaxDepth = 24;
    private const string Timestamp = "2025-01-01T00:00:00.000000Z";

    private static readonly string[] Candidates =
    [
        "example", "EXAMPLE", "example_value", "example-value", "Example", "a", "A", "ab", "abc", "x1", "1", "0",
        "example value", "a_b", "EX_AMPLE",
    ];

    private int _ids;

    /// <summary>A value for <paramref name="schema"/>.</summary>
    public JToken Value(JObject schema) => Value(schema, 0);

    private JToken Value(JObject schema, int depth)
    {
        if (depth > MaxDepth)
        {
            return JValue.CreateNull();
        }

        schema = spec.Resolve(schema);
        if (schema["x-amigo-union"] is JObject union)
        {
            return Variant(schema, union, depth);
        }

        if (schema["const"] is JToken constant)
        {
            return constant.DeepClone();
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JArray options)
        {
            return Alternative(schema, options, depth);
        }

        if (schema["allOf"] is JArray all)
        {
            return AllOf(schema, all, depth);
        }

        if (schema["default"] is JToken fallback && fallback.Type != JTokenType.Null && schema["enum"] is null)
        {
            return fallback.DeepClone();
        }

        if (schema["enum"] is JArray { Count: > 0 } allowed)
        {
            return allowed[0].DeepClone();
        }

        if (schema["x-amigo-allowed-values"] is JArray { Count: > 0 } values)
        {
            return values[0].DeepClone();
        }

        if (schema["x-amigo-scalar-union"] is JArray { Count: > 0 } scalars)
        {
            return Scalar((string)scalars[0]!, schema);
        }

        if (schema["x-amigo-kind-union"] is JArray { Count: > 0 } kinds)
        {
            var first = (JObject)kinds[0];
            return (string?)first["kind"] == "object"
                ? new JObject()
                : Value((JObject)schema["properties"]![(string)first["property"]!]!, depth + 1);
        }

        if (schema["x-amigo-tuple"] is not null)
        {
            return new JArray(((JObject)schema["properties"]!).Properties().Select(p => Value((JObject)p.Value, depth + 1)));
        }

        var type = (string?)schema["type"] ?? (schema["properties"] is not null ? "object" : null);
        return type switch
        {
            "object" => Object(schema, depth),
            "array" => Array(schema, depth),
            null => schema["nullable"]?.Value<bool>() == true ? JValue.CreateNull() : new JValue("example"),
            _ => Scalar(type, schema),
        };
    }

    private JToken Scalar(string type, JObject schema) => type switch
    {
        "string" => String(schema),
        "integer" => new JValue((long)Number(schema, integer: true)),
        "number" => new JValue(Number(schema, integer: false)),
        "boolean" => new JValue(true),
        "null" => JValue.CreateNull(),
        _ => new JValue("example"),
    };

    private JToken Variant(JObject schema, JObject union, int depth)
    {
        var property = (string)union["discriminator"]!;
        var fallbackName = (string?)union["fallback"];
        var (tag, target) = ((JObject)union["mapping"]!).Properties()
            .Select(p => (p.Name, Target: (string)p.Value!))
            .First(p => p.Target != fallbackName);
        var variant = (JObject)Value(spec.Schema(target.Split('/')[^1]), depth);
        variant[property] = Tag((string?)union["discriminatorType"], tag);
        return variant;
    }

    /// <summary>A discriminator value as JSON of the union's discriminator type (mapping keys are strings).</summary>
    internal static JValue Tag(string? type, string key) => type switch
    {
        "boolean" => new JValue(key == "true"),
        "integer" when long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => new JValue(number),
        _ => new JValue(key),
    };

    /// <summary>A plain JSON Schema union: the first mapped variant of a discriminator (with its tag), else the
    /// first alternative that is not null.</summary>
    private JToken Alternative(JObject schema, JArray options, int depth)
    {
        if (schema["discriminator"] is JObject discriminator && discriminator["mapping"] is JObject mapping &&
            mapping.Properties().FirstOrDefault() is { } first)
        {
            var value = Value(new JObject { ["$ref"] = first.Value.DeepClone() }, depth);
            if (value is JObject tagged)
            {
                tagged[(string)discriminator["propertyName"]!] = first.Name;
            }

            return value;
        }

        var option = options.OfType<JObject>().FirstOrDefault(o => (string?)spec.Resolve(o)["type"] != "null") ?? (JObject)options[0];
        return Value(option, depth);
    }

    private JToken AllOf(JObject schema, JArray all, int depth)
    {
        var merged = new JObject();
        foreach (var part in all.OfType<JObject>())
        {
            var resolved = spec.Resolve(part);
            // In a variant, the abstract base of its union contributes its own properties, not another variant.
            var value = resolved["x-amigo-union"] is not null && schema["x-amigo-discriminator-value"] is not null
                ? Object(resolved, depth)
                : Value(resolved, depth);
            if (value is not JObject obj)
            {
                return all.Count == 1 ? value : throw new InvalidOperationException("allOf of a non-object schema.");
            }

            merged.Merge(obj);
        }

        if (schema["properties"] is JObject)
        {
            merged.Merge(Object(schema, depth));
        }

        if (schema["x-amigo-discriminator-value"] is JValue tag)
        {
            var baseSchema = all.OfType<JObject>().Select(spec.Resolve).FirstOrDefault(p => p["x-amigo-union"] is not null);
            var property = (string?)baseSchema?["x-amigo-union"]?["discriminator"] ?? "type";
            merged[property] = Tag((string?)baseSchema?["x-amigo-union"]?["discriminatorType"], tag.ToString(Newtonsoft.Json.Formatting.None).Trim('"'));
        }

        return merged;
    }

    private JObject Object(JObject schema, int depth)
    {
        var result = new JObject();
        var required = schema["required"]?.Values<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var property in ((JObject?)schema["properties"])?.Properties() ?? [])
        {
            var propertySchema = (JObject)property.Value;
            if (!required.Contains(property.Name) && (depth >= FullDepth || IsNullable(propertySchema)))
            {
                continue;
            }

            result[property.Name] = Value(propertySchema, depth + 1);
        }

        if (schema["properties"] is null && schema["additionalProperties"] is JObject values && depth < FullDepth &&
            ((int?)schema["minProperties"] ?? 1) > 0 && (int?)schema["maxProperties"] != 0)
        {
            var key = schema["propertyNames"] is JObject names ? String(spec.Resolve(names)) : "key";
            result[key] = Value(values, depth + 1);
        }

        return result;
    }

    private bool IsNullable(JObject schema) => spec.Resolve(schema)["nullable"]?.Value<bool>() == true || schema["nullable"]?.Value<bool>() == true;

    private JArray Array(JObject schema, int depth)
    {
        if (schema["prefixItems"] is JArray prefix)
        {
            return new JArray(prefix.OfType<JObject>().Select(p => Value(p, depth + 1)));
        }

        var min = (int?)schema["minItems"] ?? 0;
        var max = (int?)schema["maxItems"] ?? int.MaxValue;
        var count = Math.Min(max, Math.Max(min, depth < FullDepth ? 1 : 0));
        var items = schema["items"] as JObject ?? new JObject();
        var result = new JArray();
        for (var i = 0; i < count; i++)
        {
            result.Add(Value(items, depth + 1));
        }

        return result;
    }

    private string String(JObject schema)
    {
        var format = (string?)schema["format"];
        var pattern = (string?)schema["pattern"];
        var min = (int?)schema["minLength"] ?? 0;
        var max = (int?)schema["maxLength"] ?? int.MaxValue;
        var candidates = format switch
        {
            "date-time" => [Timestamp],
            "date" => ["2025-01-01"],
            "email" => ["user@example.com"],
            "uri" => ["https://example.com/"],
            "duration" => ["P1D"],
            "base64" or "byte" => ["ZXhhbXBsZQ=="],
            _ => pattern == "^[a-f0-9]{24}$" ? [NextId()] : Candidates,
        };
        foreach (var candidate in candidates)
        {
            var value = candidate;
            if (value.Length < min)
            {
                value += new string(value[^1], min - value.Length);
            }

            if (value.Length <= max && (pattern is null || Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))))
            {
                return value;
            }
        }

        throw new InvalidOperationException($"No example string matches pattern '{pattern}' within {min}..{max} characters.");
    }

    private string NextId() => "6650" + (++_ids).ToString("x20", CultureInfo.InvariantCulture);

    private static double Number(JObject schema, bool integer)
    {
        var minimum = (double?)schema["minimum"];
        var maximum = (double?)schema["maximum"];
        var exclusiveMin = schema["exclusiveMinimum"];
        var exclusiveMax = schema["exclusiveMaximum"];
        double? low = minimum;
        if (exclusiveMin is JValue { Type: JTokenType.Boolean } && (bool)exclusiveMin && minimum is double m)
        {
            low = integer ? Math.Floor(m) + 1 : m + 0.5;
        }
        else if (exclusiveMin is JValue { Type: JTokenType.Integer or JTokenType.Float } gt)
        {
            low = integer ? Math.Floor((double)gt) + 1 : (double)gt + 0.5;
        }

        double? high = maximum;
        if (exclusiveMax is JValue { Type: JTokenType.Boolean } && (bool)exclusiveMax && maximum is double x)
        {
            high = integer ? Math.Ceiling(x) - 1 : x - 0.5;
        }
        else if (exclusiveMax is JValue { Type: JTokenType.Integer or JTokenType.Float } lt)
        {
            high = integer ? Math.Ceiling((double)lt) - 1 : (double)lt - 0.5;
        }

        var value = low ?? Math.Min(1, high ?? 1);
        if (integer)
        {
            value = Math.Ceiling(value);
        }

        return high is double h && value > h ? h : value;
    }
}
