using System.Globalization;
using System.Text.RegularExpressions;
using Amigo.Emulator.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Spec;

/// <summary>
/// Checks a request against an operation of the merged spec, reporting every violation into a <see cref="Validation"/>
/// in FastAPI's shape: path, query and header parameters (strings coerced the way FastAPI does) and the JSON body
/// (types, required, pattern, lengths, bounds, item counts, uniqueness, enums, discriminated unions, tuples).
/// </summary>
internal sealed class SchemaValidator(EmulatorSpec spec, Validation validation)
{
    private const int MaxDepth = 64;

    private static readonly string[] TrueValues = ["1", "true", "on", "yes", "t", "y"];
    private static readonly string[] FalseValues = ["0", "false", "off", "no", "f", "n"];

    /// <summary>Path parameters (except <c>organization</c>, which answers 404 when wrong).</summary>
    public void PathParameters(SpecOperation operation, IReadOnlyDictionary<string, string> path)
    {
        foreach (var parameter in operation.Parameters.Where(p => (string?)p["in"] == "path"))
        {
            var name = (string)parameter["name"]!;
            if (name != "organization" && path.TryGetValue(name, out var value))
            {
                Text(value, parameter["schema"] as JObject ?? new JObject(), ["path", name]);
            }
        }
    }

    /// <summary>Query and header parameters.</summary>
    public void Parameters(SpecOperation operation, IQueryCollection query, IHeaderDictionary headers)
    {
        foreach (var parameter in operation.Parameters)
        {
            var name = (string)parameter["name"]!;
            var location = (string)parameter["in"]!;
            var required = (bool?)parameter["required"] ?? false;
            var schema = parameter["schema"] as JObject ?? new JObject();
            switch (location)
            {
                case "query":
                    Values(query.TryGetValue(name, out var values) ? values : StringValues.Empty, required, schema, ["query", name]);
                    break;
                case "header":
                    Values(headers.TryGetValue(name, out var header) ? header : StringValues.Empty, required, schema, ["header", name]);
                    break;
            }
        }
    }

    /// <summary>A JSON value against a schema.</summary>
    public void Json(JToken value, JObject schema, object[] location) => Check(value, schema, location, 0);

    private void Values(StringValues values, bool required, JObject schema, object[] location)
    {
        if (values.Count == 0)
        {
            if (required)
            {
                validation.Missing(location);
            }

            return;
        }

        var resolved = Resolve(schema);
        if ((string?)resolved["type"] == "array")
        {
            var items = resolved["items"] as JObject ?? new JObject();
            var array = new JArray();
            for (var i = 0; i < values.Count; i++)
            {
                var item = Text(values[i]!, items, [.. location, i]);
                if (item is not null)
                {
                    array.Add(item);
                }
            }

            // FastAPI reads a unique-items query parameter into a set: repeats collapse, they are not an error.
            Counts((bool?)resolved["uniqueItems"] == true ? new JArray(array.Distinct(JToken.EqualityComparer)) : array,
                resolved, location);
            return;
        }

        Text(values[^1]!, schema, location);
    }

    /// <summary>Coerces a string (path, query or header value) to the schema's type and checks it; null when invalid.</summary>
    private JToken? Text(string text, JObject schema, object[] location)
    {
        var resolved = Resolve(schema);
        var type = (string?)resolved["type"] ?? (string?)resolved["x-amigo-scalar-union"]?[0];
        JToken value;
        switch (type)
        {
            case "integer":
                if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    validation.Add("int_parsing", "Input should be a valid integer, unable to parse string as an integer", text, null, location);
                    return null;
                }

                value = new JValue(integer);
                break;
            case "number":
                if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    validation.Add("float_parsing", "Input should be a valid number, unable to parse string as a number", text, null, location);
                    return null;
                }

                value = new JValue(number);
                break;
            case "boolean":
                var normalized = text.Trim().ToLowerInvariant();
                if (!TrueValues.Contains(normalized) && !FalseValues.Contains(normalized))
                {
                    validation.Add("bool_parsing", "Input should be a valid boolean, unable to interpret input", text, null, location);
                    return null;
                }

                value = new JValue(TrueValues.Contains(normalized));
                break;
            case "object" or "array":
                try
                {
                    value = JToken.Parse(text);
                }
                catch (Newtonsoft.Json.JsonReaderException e)
                {
                    validation.Add("json_invalid", "JSON decode error", text, new JObject { ["error"] = e.Message }, location);
                    return null;
                }

                break;
            default:
                value = new JValue(text);
                break;
        }

        return Check(value, schema, location, 0) ? value : null;
    }

    private JObject Resolve(JObject schema) => spec.Resolve(EmulatorSpec.Unwrap(spec.Resolve(schema)));

    /// <summary>True when <paramref name="value"/> satisfies <paramref name="schema"/>; otherwise records why.</summary>
    private bool Check(JToken value, JObject schema, object[] location, int depth)
    {
        if (depth > MaxDepth)
        {
            return true;
        }

        var own = schema;
        schema = spec.Resolve(schema);
        if (value.Type == JTokenType.Null)
        {
            if (IsNullable(own) || IsNullable(schema) || (string?)schema["type"] == "null" ||
                (schema["type"] is null && schema["allOf"] is null && schema["x-amigo-union"] is null && schema["properties"] is null))
            {
                return true;
            }
        }

        if (schema["x-amigo-union"] is JObject union)
        {
            return Variant(value, union, location, depth);
        }

        if (schema["const"] is JToken constant)
        {
            if (JToken.DeepEquals(constant, value))
            {
                return true;
            }

            validation.Add("literal_error", $"Input should be {constant.ToString(Newtonsoft.Json.Formatting.None)}", value,
                new JObject { ["expected"] = constant.ToString(Newtonsoft.Json.Formatting.None) }, location);
            return false;
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JArray options)
        {
            return Alternatives(value, schema, options, location, depth);
        }

        if (schema["allOf"] is JArray all)
        {
            var ok = true;
            foreach (var part in all.OfType<JObject>())
            {
                var resolved = spec.Resolve(part);
                // In a variant, the abstract base of its union only contributes its own properties.
                ok &= resolved["x-amigo-union"] is not null && schema["x-amigo-discriminator-value"] is not null
                    ? Shape(value, resolved, location, depth)
                    : Check(value, resolved, location, depth + 1);
                if (!ok)
                {
                    return false;
                }
            }

            return schema["properties"] is null || Shape(value, schema, location, depth);
        }

        if (schema["x-amigo-kind-union"] is JArray kinds)
        {
            foreach (var kind in kinds.OfType<JObject>())
            {
                var matches = (string?)kind["kind"] switch
                {
                    "string" => value.Type == JTokenType.String,
                    "array" => value.Type == JTokenType.Array,
                    "object" => value.Type == JTokenType.Object,
                    "integer" => value.Type == JTokenType.Integer,
                    "number" => value.Type is JTokenType.Integer or JTokenType.Float,
                    "boolean" => value.Type == JTokenType.Boolean,
                    _ => false,
                };
                if (matches)
                {
                    var property = schema["properties"]?[(string)kind["property"]!] as JObject;
                    return (string?)kind["kind"] == "object" || property is null || Check(value, property, location, depth + 1);
                }
            }

            validation.Add("union_tag_invalid", "Input should be one of: " + string.Join(", ", kinds.Select(k => (string?)k["kind"])),
                value, null, location);
            return false;
        }

        if (schema["x-amigo-scalar-union"] is JArray scalars)
        {
            if (scalars.Values<string>().Any(t => Matches(value, t!)))
            {
                return true;
            }

            validation.Add("union_tag_invalid", "Input should be one of: " + string.Join(", ", scalars.Values<string>()), value, null, location);
            return false;
        }

        if (schema["x-amigo-tuple"] is not null)
        {
            var items = ((JObject)schema["properties"]!).Properties().ToList();
            if (value is not JArray tuple || tuple.Count != items.Count)
            {
                validation.Add("tuple_type", $"Input should be a valid tuple of {items.Count} items", value, null, location);
                return false;
            }

            var ok = true;
            for (var i = 0; i < items.Count; i++)
            {
                ok &= Check(tuple[i], (JObject)items[i].Value, [.. location, i], depth + 1);
            }

            return ok;
        }

        return Shape(value, schema, location, depth);
    }

    /// <summary>The schema's own type and constraints (not its composition).</summary>
    private bool Shape(JToken value, JObject schema, object[] location, int depth)
    {
        if (schema["enum"] is JArray allowed)
        {
            if (allowed.Any(a => JToken.DeepEquals(a, value)))
            {
                return true;
            }

            validation.Choice([.. allowed.Select(a => a.ToString())], value, location);
            return false;
        }

        if (schema["x-amigo-allowed-values"] is JArray values && !values.Any(a => JToken.DeepEquals(a, value)))
        {
            validation.Choice([.. values.Select(a => a.ToString())], value, location);
            return false;
        }

        var type = (string?)schema["type"] ?? (schema["properties"] is not null ? "object" : null);
        switch (type)
        {
            case null:
                return true;
            case "string":
                return value.Type == JTokenType.String ? StringRules((string)value!, value, schema, location) : Wrong("string_type", "Input should be a valid string", value, location);
            case "integer":
                return value.Type == JTokenType.Integer ? Bounds((double)value, value, schema, location) : Wrong("int_type", "Input should be a valid integer", value, location);
            case "number":
                return value.Type is JTokenType.Integer or JTokenType.Float ? Bounds((double)value, value, schema, location) : Wrong("float_type", "Input should be a valid number", value, location);
            case "boolean":
                return value.Type == JTokenType.Boolean || Wrong("bool_type", "Input should be a valid boolean", value, location);
            case "null":
                return value.Type == JTokenType.Null || Wrong("none_required", "Input should be None", value, location);
            case "array":
                if (value is not JArray array)
                {
                    return Wrong("list_type", "Input should be a valid list", value, location);
                }

                var ok = Counts(array, schema, location);
                if (schema["prefixItems"] is JArray prefix)
                {
                    if (array.Count != prefix.Count && schema["items"] is not JObject)
                    {
                        return Wrong("tuple_type", $"Input should be a valid tuple of {prefix.Count} items", value, location);
                    }

                    for (var i = 0; i < Math.Min(array.Count, prefix.Count); i++)
                    {
                        ok &= Check(array[i], (JObject)prefix[i], [.. location, i], depth + 1);
                    }

                    return ok;
                }

                if (schema["items"] is JObject items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        ok &= Check(array[i], items, [.. location, i], depth + 1);
                    }
                }

                return ok;
            default:
                return value is JObject obj
                    ? ObjectRules(obj, schema, location, depth)
                    : schema["properties"] is null
                        ? Wrong("dict_type", "Input should be a valid dictionary", value, location)
                        : Wrong("model_type", "Input should be a valid dictionary or instance of the model", value, location);
        }
    }

    /// <summary>A plain JSON Schema union: by discriminator when there is one, else valid when any alternative is
    /// (the errors reported are the first alternative's).</summary>
    private bool Alternatives(JToken value, JObject schema, JArray options, object[] location, int depth)
    {
        if (schema["discriminator"] is JObject discriminator && discriminator["mapping"] is JObject mapping)
        {
            var union = new JObject
            {
                ["discriminator"] = discriminator["propertyName"]!.DeepClone(),
                ["mapping"] = new JObject(mapping.Properties().Select(p => new JProperty(p.Name, p.Value.DeepClone()))),
            };
            return Variant(value, union, location, depth);
        }

        Validation? first = null;
        foreach (var option in options.OfType<JObject>())
        {
            var attempt = new Validation();
            if (new SchemaValidator(spec, attempt).Check(value, option, location, depth + 1))
            {
                return true;
            }

            first ??= attempt;
        }

        foreach (var error in first?.Errors ?? [])
        {
            validation.Add(error);
        }

        return false;
    }

    private bool Variant(JToken value, JObject union, object[] location, int depth)
    {
        var property = (string)union["discriminator"]!;
        var mapping = (JObject)union["mapping"]!;
        var expected = string.Join(", ", mapping.Properties().Select(p => $"'{p.Name}'"));
        if (value is not JObject obj)
        {
            return Wrong("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", value, location);
        }

        var tag = obj[property] as JValue;
        if (tag is null || tag.Type is not (JTokenType.String or JTokenType.Boolean or JTokenType.Integer))
        {
            validation.Add("union_tag_not_found", $"Unable to extract tag using discriminator '{property}'", value,
                new JObject { ["discriminator"] = $"'{property}'" }, location);
            return false;
        }

        var key = tag.ToString(Newtonsoft.Json.Formatting.None).Trim('"');
        if (mapping[key] is not JValue target)
        {
            validation.Add("union_tag_invalid",
                $"Input tag '{tag}' found using '{property}' does not match any of the expected tags: {expected}", value,
                new JObject { ["discriminator"] = $"'{property}'", ["tag"] = tag.DeepClone(), ["expected_tags"] = expected }, location);
            return false;
        }

        return Check(value, spec.Schema(((string)target!).Split('/')[^1]), [.. location, key], depth + 1);
    }

    private bool ObjectRules(JObject obj, JObject schema, object[] location, int depth)
    {
        var ok = true;
        var properties = schema["properties"] as JObject;
        foreach (var required in schema["required"]?.Values<string>() ?? [])
        {
            if (!obj.ContainsKey(required!))
            {
                validation.Missing([.. location, required!]);
                ok = false;
            }
        }

        if (properties is not null)
        {
            foreach (var property in properties.Properties())
            {
                if (obj.TryGetValue(property.Name, out var value))
                {
                    ok &= Check(value, (JObject)property.Value, [.. location, property.Name], depth + 1);
                }
            }

            return ok;
        }

        if ((int?)schema["maxProperties"] is int max && obj.Count > max)
        {
            validation.Add("too_long", $"Dictionary should have at most {max} items after validation, not {obj.Count}", obj,
                new JObject { ["field_type"] = "Dictionary", ["max_length"] = max, ["actual_length"] = obj.Count }, location);
            return false;
        }

        var names = schema["propertyNames"] as JObject;
        var values = schema["additionalProperties"] as JObject;
        foreach (var property in obj.Properties())
        {
            if (names is not null)
            {
                ok &= Check(property.Name, names, [.. location, property.Name, "[key]"], depth + 1);
            }

            if (values is not null)
            {
                ok &= Check(property.Value, values, [.. location, property.Name], depth + 1);
            }
        }

        return ok;
    }

    private bool StringRules(string text, JToken value, JObject schema, object[] location)
    {
        if ((int?)schema["minLength"] is int min && text.Length < min)
        {
            validation.TooShort(min, value, location);
            return false;
        }

        if ((int?)schema["maxLength"] is int max && text.Length > max)
        {
            validation.TooLong(max, value, location);
            return false;
        }

        if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            validation.Pattern(pattern, value, location);
            return false;
        }

        if ((string?)schema["format"] == "date-time" &&
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            validation.Add("datetime_from_date_parsing", "Input should be a valid datetime", value, null, location);
            return false;
        }

        return true;
    }

    private bool Bounds(double number, JToken value, JObject schema, object[] location)
    {
        var minimum = (double?)schema["minimum"];
        var maximum = (double?)schema["maximum"];
        double? gt = schema["exclusiveMinimum"] is JValue { Type: JTokenType.Boolean } em ? ((bool)em ? minimum : null) : (double?)schema["exclusiveMinimum"];
        double? lt = schema["exclusiveMaximum"] is JValue { Type: JTokenType.Boolean } eM ? ((bool)eM ? maximum : null) : (double?)schema["exclusiveMaximum"];
        if (gt is not null)
        {
            minimum = null;
        }

        if (lt is not null)
        {
            maximum = null;
        }

        if (gt is double g && number <= g)
        {
            return Bound("greater_than", "greater than", "gt", g, value, location);
        }

        if (minimum is double ge && number < ge)
        {
            return Bound("greater_than_equal", "greater than or equal to", "ge", ge, value, location);
        }

        if (lt is double l && number >= l)
        {
            return Bound("less_than", "less than", "lt", l, value, location);
        }

        if (maximum is double le && number > le)
        {
            return Bound("less_than_equal", "less than or equal to", "le", le, value, location);
        }

        return true;
    }

    private bool Bound(string type, string words, string key, double limit, JToken value, object[] location)
    {
        JToken shown = limit == Math.Floor(limit) ? new JValue((long)limit) : new JValue(limit);
        validation.Add(type, $"Input should be {words} {shown}", value, new JObject { [key] = shown }, location);
        return false;
    }

    private bool Counts(JArray array, JObject schema, object[] location)
    {
        if ((int?)schema["minItems"] is int min && array.Count < min)
        {
            validation.Add("too_short", $"List should have at least {min} item{(min == 1 ? "" : "s")} after validation, not {array.Count}",
                array, new JObject { ["field_type"] = "List", ["min_length"] = min, ["actual_length"] = array.Count }, location);
            return false;
        }

        if ((int?)schema["maxItems"] is int max && array.Count > max)
        {
            validation.Add("too_long", $"List should have at most {max} item{(max == 1 ? "" : "s")} after validation, not {array.Count}",
                array, new JObject { ["field_type"] = "List", ["max_length"] = max, ["actual_length"] = array.Count }, location);
            return false;
        }

        if ((bool?)schema["uniqueItems"] == true && array.Count != array.Distinct(JToken.EqualityComparer).Count())
        {
            validation.ValueError("items must be unique", array, location);
            return false;
        }

        return true;
    }

    private bool Wrong(string type, string message, JToken value, object[] location)
    {
        validation.Add(type, message, value, null, location);
        return false;
    }

    private bool IsNullable(JObject schema) => schema["nullable"]?.Type == JTokenType.Boolean && (bool)schema["nullable"]!;

    private static bool Matches(JToken value, string type) => type switch
    {
        "string" => value.Type == JTokenType.String,
        "integer" => value.Type == JTokenType.Integer,
        "number" => value.Type is JTokenType.Integer or JTokenType.Float,
        "boolean" => value.Type == JTokenType.Boolean,
        "null" => value.Type == JTokenType.Null,
        _ => true,
    };
}
