using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Http;

/// <summary>Reads a JSON request body and validates fields against the spec's constraints, FastAPI-style.</summary>
internal sealed class BodyReader(Validation validation)
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public Validation Validation => validation;

    /// <summary>Reads the body as a JSON object; null (with an error recorded unless optional and empty) otherwise.</summary>
    public static async Task<JObject?> ReadObjectAsync(HttpRequest request, Validation validation, bool required,
        Action<string> onText, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                validation.ValueError("request body is too large", null, "body");
                return null;
            }
        }

        if (buffer.Length == 0)
        {
            if (required)
            {
                validation.Missing("body");
            }

            return null;
        }

        onText(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? "";
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) &&
            !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("model_attributes_type",
                "Input should be a valid dictionary or object to extract fields from (send Content-Type: application/json)",
                Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, 200)), null, "body");
            return null;
        }

        JToken token;
        try
        {
            buffer.Position = 0;
            using var text = new StreamReader(buffer, Encoding.UTF8);
            using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
            token = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                throw new JsonReaderException("Extra data after the JSON value.");
            }
        }
        catch (JsonReaderException e)
        {
            validation.Add("json_invalid", "JSON decode error", new JObject(),
                new JObject { ["error"] = e.Message }, "body", (int)Math.Max(0, e.LinePosition - 1));
            return null;
        }

        if (token.Type == JTokenType.Null)
        {
            // FastAPI reads a JSON null body as "no body": the default for an optional one, "missing" otherwise.
            if (required)
            {
                validation.Missing("body");
            }

            return null;
        }

        if (token is not JObject obj)
        {
            validation.Add("model_attributes_type", "Input should be a valid dictionary or object to extract fields from",
                token, null, "body");
            return null;
        }

        return obj;
    }

    private static object[] Loc(object[] at, object name) => [.. at, name];

    private static bool IsNull(JToken? token) => token is null || token.Type == JTokenType.Null;

    private bool Present(JObject obj, string name, object[] at, bool required, bool nullable, out JToken token)
    {
        if (!obj.TryGetValue(name, out var found))
        {
            token = JValue.CreateNull();
            if (required)
            {
                validation.Missing(Loc(at, name));
            }

            return false;
        }

        token = found;
        if (IsNull(found))
        {
            if (!nullable)
            {
                validation.Add("missing", "Field required", found, null, Loc(at, name));
            }

            return false;
        }

        return true;
    }

    public string? String(JObject obj, string name, object[] at, bool required = true, bool nullable = false,
        bool stripped = false, int? minLength = null, int? maxLength = null, string? pattern = null)
    {
        if (!Present(obj, name, at, required, nullable, out var token))
        {
            return null;
        }

        return StringValue(token, Loc(at, name), stripped, minLength, maxLength, pattern);
    }

    public string? StringValue(JToken token, object[] location, bool stripped = false, int? minLength = null,
        int? maxLength = null, string? pattern = null)
    {
        if (token.Type != JTokenType.String)
        {
            validation.Add("string_type", "Input should be a valid string", token, null, location);
            return null;
        }

        var value = (string)token!;
        if (stripped)
        {
            value = value.Trim();
        }

        if (minLength is int min && value.Length < min)
        {
            validation.TooShort(min, token, location);
            return null;
        }

        if (maxLength is int max && value.Length > max)
        {
            validation.TooLong(max, token, location);
            return null;
        }

        if (pattern is not null && !Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            validation.Pattern(pattern, token, location);
            return null;
        }

        return value;
    }

    public bool? Bool(JObject obj, string name, object[] at, bool required = true, bool nullable = false)
    {
        if (!Present(obj, name, at, required, nullable, out var token))
        {
            return null;
        }

        if (token.Type != JTokenType.Boolean)
        {
            validation.Add("bool_type", "Input should be a valid boolean", token, null, Loc(at, name));
            return null;
        }

        return (bool)token;
    }

    public int? Int(JObject obj, string name, object[] at, bool required = true, int? exclusiveMinimum = null,
        int? maximum = null, int? minimum = null)
    {
        if (!Present(obj, name, at, required, false, out var token))
        {
            return null;
        }

        if (token.Type != JTokenType.Integer)
        {
            validation.Add("int_type", "Input should be a valid integer", token, null, Loc(at, name));
            return null;
        }

        var value = (long)token;
        if (exclusiveMinimum is int gt && value <= gt)
        {
            validation.Add("greater_than", $"Input should be greater than {gt}", token, new JObject { ["gt"] = gt },
                Loc(at, name));
            return null;
        }

        if (minimum is int ge && value < ge)
        {
            validation.Add("greater_than_equal", $"Input should be greater than or equal to {ge}", token,
                new JObject { ["ge"] = ge }, Loc(at, name));
            return null;
        }

        if (maximum is int le && value > le)
        {
            validation.Add("less_than_equal", $"Input should be less than or equal to {le}", token,
                new JObject { ["le"] = le }, Loc(at, name));
            return null;
        }

        return (int)value;
    }

    public double? Number(JObject obj, string name, object[] at, double? exclusiveMinimum = null, double? maximum = null)
    {
        if (!Present(obj, name, at, true, false, out var token))
        {
            return null;
        }

        if (token.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            validation.Add("float_type", "Input should be a valid number", token, null, Loc(at, name));
            return null;
        }

        var value = (double)token;
        if (exclusiveMinimum is double gt && value <= gt)
        {
            validation.Add("greater_than", $"Input should be greater than {gt}", token, new JObject { ["gt"] = gt },
                Loc(at, name));
            return null;
        }

        if (maximum is double le && value > le)
        {
            validation.Add("less_than_equal", $"Input should be less than or equal to {le}", token,
                new JObject { ["le"] = le }, Loc(at, name));
            return null;
        }

        return value;
    }

    public JObject? Object(JObject obj, string name, object[] at, bool required = true)
    {
        if (!Present(obj, name, at, required, false, out var token))
        {
            return null;
        }

        if (token is not JObject value)
        {
            validation.Add("model_type", "Input should be a valid dictionary or instance of the model", token, null,
                Loc(at, name));
            return null;
        }

        return value;
    }

    public JArray? Array(JObject obj, string name, object[] at, bool required = true, bool nullable = false,
        int? minItems = null, int? maxItems = null)
    {
        if (!Present(obj, name, at, required, nullable, out var token))
        {
            return null;
        }

        if (token is not JArray array)
        {
            validation.Add("list_type", "Input should be a valid list", token, null, Loc(at, name));
            return null;
        }

        if (minItems is int min && array.Count < min)
        {
            validation.Add("too_short",
                $"List should have at least {min} item{(min == 1 ? "" : "s")} after validation, not {array.Count}",
                token, new JObject { ["field_type"] = "List", ["min_length"] = min, ["actual_length"] = array.Count },
                Loc(at, name));
            return null;
        }

        if (maxItems is int max && array.Count > max)
        {
            validation.Add("too_long",
                $"List should have at most {max} item{(max == 1 ? "" : "s")} after validation, not {array.Count}",
                token, new JObject { ["field_type"] = "List", ["max_length"] = max, ["actual_length"] = array.Count },
                Loc(at, name));
            return null;
        }

        return array;
    }

    public List<string>? StringList(JObject obj, string name, object[] at, bool required = true, bool nullable = false,
        int? minItems = null, int? maxItems = null, bool unique = false, bool stripped = false, int? itemMinLength = null,
        string? itemPattern = null)
    {
        var array = Array(obj, name, at, required, nullable, minItems, maxItems);
        if (array is null)
        {
            return null;
        }

        var result = new List<string>();
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            var item = StringValue(array[i], [.. at, name, i], stripped, itemMinLength, null, itemPattern);
            if (item is null)
            {
                ok = false;
                continue;
            }

            if (unique && result.Contains(item, StringComparer.Ordinal))
            {
                validation.ValueError("items must be unique", array, Loc(at, name));
                ok = false;
                break;
            }

            result.Add(item);
        }

        return ok ? result : null;
    }

    /// <summary>A tag map: keys and (non-null) values are stripped, non-empty, and checked against the given rules.</summary>
    public Dictionary<string, string?>? Tags(JObject obj, string name, object[] at, bool required, bool nullable,
        string keyPattern, string? valuePattern, int? valueMaxLength, int maxProperties = 20)
    {
        if (!Present(obj, name, at, required, nullable, out var token))
        {
            return null;
        }

        if (token is not JObject map)
        {
            validation.Add("dict_type", "Input should be a valid dictionary", token, null, Loc(at, name));
            return null;
        }

        if (map.Count > maxProperties)
        {
            validation.Add("too_long", $"Dictionary should have at most {maxProperties} items after validation, not {map.Count}",
                token, new JObject { ["field_type"] = "Dictionary", ["max_length"] = maxProperties, ["actual_length"] = map.Count },
                Loc(at, name));
            return null;
        }

        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var ok = true;
        foreach (var property in map.Properties())
        {
            var key = StringValue(property.Name, [.. at, name, property.Name, "[key]"], true, 1, null, keyPattern);
            string? value = null;
            if (!IsNull(property.Value))
            {
                value = StringValue(property.Value, [.. at, name, property.Name], true, 1, valueMaxLength, valuePattern);
                ok &= value is not null;
            }

            if (key is null)
            {
                ok = false;
                continue;
            }

            result[key] = value;
        }

        return ok ? result : null;
    }
}
