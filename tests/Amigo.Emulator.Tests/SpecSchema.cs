using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Tests;

/// <summary>
/// The operations in <c>openapi/</c>, and a strict checker of JSON values against their response schemas: every
/// required field present, every field sent declared (a typo in a snake_case name fails), types, consts, enums,
/// tuples and discriminated unions.
/// </summary>
internal sealed class SpecSchema
{
    private readonly Dictionary<string, (JObject Document, JObject Operation)> _operations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    private SpecSchema()
    {
    }

    public static SpecSchema Load()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "openapi")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "openapi/ not found above the test directory");
        var spec = new SpecSchema();
        foreach (var file in Directory.GetFiles(Path.Combine(directory!.FullName, "openapi"), "*.json", SearchOption.AllDirectories))
        {
            spec.Add(file, replace: true);
        }

        // Operations the emulator serves before openapi/ has them are checked against a copy of the published spec's
        // fragment kept as test data; once openapi/ declares an operation, its own document wins.
        var testData = Path.Combine(directory.FullName, "tests", "Amigo.Emulator.Tests", "TestData");
        foreach (var file in Directory.Exists(testData) ? Directory.GetFiles(testData, "*.openapi.json") : [])
        {
            spec.Add(file, replace: false);
        }

        return spec;
    }

    private void Add(string file, bool replace)
    {
        using var reader = new JsonTextReader(new StreamReader(file)) { DateParseHandling = DateParseHandling.None };
        var document = (JObject)JToken.ReadFrom(reader);
        foreach (var path in ((JObject?)document["paths"])?.Properties() ?? [])
        {
            foreach (var method in ((JObject)path.Value).Properties())
            {
                var operation = (JObject)method.Value;
                var id = (string)operation["operationId"]!;
                if (replace || !_operations.ContainsKey(id))
                {
                    _operations[id] = (document, operation);
                }

                if (replace)
                {
                    _declared.Add(id);
                }
            }
        }
    }

    /// <summary>The property names of component schema <paramref name="schemaName"/> in <paramref name="operationId"/>'s document.</summary>
    public IReadOnlyList<string> Properties(string operationId, string schemaName) =>
        [.. ((JObject)_operations[operationId].Document["components"]!["schemas"]![schemaName]!["properties"]!).Properties().Select(p => p.Name)];

    /// <summary>The operations <c>openapi/</c> declares (not those only in test data).</summary>
    public IReadOnlyCollection<string> OperationIds => _declared;

    /// <summary>Problems with a response: an undeclared status, or a body that doesn't match the status's schema.</summary>
    public List<string> Check(string operationId, int status, JToken? body)
    {
        var (document, operation) = _operations[operationId];
        var response = operation["responses"]?[status.ToString()] as JObject;
        if (response is null)
        {
            return [$"{operationId}: status {status} is not declared"];
        }

        var content = response["content"] as JObject;
        if (content is null)
        {
            return body is null || body.Type == JTokenType.Null ? [] : [$"{operationId}: {status} declares no body"];
        }

        var schema = (JObject)content.Properties().First().Value["schema"]!;
        var errors = new List<string>();
        Validate(document, body ?? JValue.CreateNull(), schema, operationId, errors);
        return errors;
    }

    private static JObject Resolve(JObject document, string reference)
    {
        JToken current = document;
        foreach (var segment in reference.TrimStart('#', '/').Split('/'))
        {
            current = current[segment] ?? throw new InvalidOperationException($"Unresolvable reference {reference}");
        }

        return (JObject)current;
    }

    private static void Validate(JObject document, JToken value, JObject schema, string at, List<string> errors)
    {
        if (schema["$ref"] is JValue reference)
        {
            Validate(document, value, Resolve(document, (string)reference!), at, errors);
            return;
        }

        var union = schema["oneOf"] as JArray ?? schema["anyOf"] as JArray;
        if (union is not null)
        {
            if (schema["discriminator"] is JObject discriminator && value is JObject tagged)
            {
                var tag = (string?)tagged[(string)discriminator["propertyName"]!];
                var target = tag is null ? null : (string?)discriminator["mapping"]?[tag];
                if (target is null)
                {
                    errors.Add($"{at}: discriminator value '{tag}' is not in the mapping");
                    return;
                }

                Validate(document, value, Resolve(document, target), at, errors);
                return;
            }

            var attempts = new List<string>();
            foreach (var option in union.Cast<JObject>())
            {
                var optionErrors = new List<string>();
                Validate(document, value, option, at, optionErrors);
                if (optionErrors.Count == 0)
                {
                    return;
                }

                attempts.AddRange(optionErrors);
            }

            errors.Add($"{at}: matches no alternative ({string.Join("; ", attempts.Take(6))})");
            return;
        }

        if (schema["const"] is JToken constant && !JToken.DeepEquals(constant, value))
        {
            errors.Add($"{at}: expected const {constant}, got {value}");
            return;
        }

        if (schema["enum"] is JArray allowed && !allowed.Any(a => JToken.DeepEquals(a, value)))
        {
            errors.Add($"{at}: {value} is not one of {allowed.ToString(Formatting.None)}");
            return;
        }

        var type = (string?)schema["type"] ?? (schema["properties"] is not null ? "object" : null);
        switch (type)
        {
            case null:
                return;
            case "null" when value.Type != JTokenType.Null:
            case "string" when value.Type != JTokenType.String:
            case "integer" when value.Type != JTokenType.Integer:
            case "number" when value.Type is not (JTokenType.Integer or JTokenType.Float):
            case "boolean" when value.Type != JTokenType.Boolean:
            case "array" when value.Type != JTokenType.Array:
            case "object" when value.Type != JTokenType.Object:
                errors.Add($"{at}: expected {type}, got {value.Type} {value.ToString(Formatting.None)}");
                return;
            case "string" when schema["pattern"] is JValue pattern && !Regex.IsMatch((string)value!, (string)pattern!):
                errors.Add($"{at}: '{value}' does not match {pattern}");
                return;
            case "array":
                ValidateArray(document, (JArray)value, schema, at, errors);
                return;
            case "object":
                ValidateObject(document, (JObject)value, schema, at, errors);
                return;
        }
    }

    private static void ValidateArray(JObject document, JArray array, JObject schema, string at, List<string> errors)
    {
        if (schema["minItems"] is JValue min && array.Count < (int)min)
        {
            errors.Add($"{at}: fewer than {min} items");
        }

        if (schema["maxItems"] is JValue max && array.Count > (int)max)
        {
            errors.Add($"{at}: more than {max} items");
        }

        var prefix = schema["prefixItems"] as JArray;
        for (var i = 0; i < array.Count; i++)
        {
            var itemSchema = prefix is not null && i < prefix.Count ? (JObject)prefix[i] : schema["items"] as JObject;
            if (itemSchema is not null)
            {
                Validate(document, array[i], itemSchema, $"{at}[{i}]", errors);
            }
        }
    }

    private static void ValidateObject(JObject document, JObject obj, JObject schema, string at, List<string> errors)
    {
        var properties = schema["properties"] as JObject;
        foreach (var required in schema["required"]?.Values<string>() ?? [])
        {
            if (!obj.ContainsKey(required!))
            {
                errors.Add($"{at}: missing required '{required}'");
            }
        }

        foreach (var property in obj.Properties())
        {
            var at2 = $"{at}.{property.Name}";
            if (properties?[property.Name] is JObject propertySchema)
            {
                Validate(document, property.Value, propertySchema, at2, errors);
            }
            else if (schema["additionalProperties"] is JObject additional)
            {
                Validate(document, property.Value, additional, at2, errors);
            }
            else if (properties is not null && schema["additionalProperties"]?.Type != JTokenType.Boolean)
            {
                errors.Add($"{at}: '{property.Name}' is not declared");
            }
        }
    }
}
