using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests.Support;

/// <summary>
/// Writes a synthetic spec the size of the complete Amigo API (about 116 operations and 380 schemas) as one file
/// per operation, using every construct the normalizer handles, many times over: nullable anyOfs, discriminated
/// and undiscriminated unions (nested, overlapping), tuples, enums whose values collide after PascalCasing, an enum
/// of 7,900 values, $ref with sibling keywords, {} responses, NDJSON responses, multipart bodies, module-path names;
/// and each construct that once stopped a published release: tuples that differ only in constraints, pydantic
/// Input/Output twins in one union family, operator enum values, boolean discriminators, string-or-tuple and
/// string-or-sentinel values, binary strings with string defaults, inline objects and module paths whose derived
/// names collide, shared components/parameters and components/responses, and FastAPI default operation ids.
/// </summary>
internal static class LargeSpecBuilder
{
    public const int Operations = 116;
    public const int Unions = 20;
    public const int Tuples = 46;

    /// <summary>Twin union families (each an X-Input and an X-Output union), among <see cref="Unions"/>' total in the output.</summary>
    public const int TwinFamilies = 4;

    /// <summary>Schemas every fragment shares, for the constructs that stopped published releases.</summary>
    private static JObject Constructs()
    {
        var schemas = JObject.Parse("""
            {
              "ExternalName": {"type": "string", "pattern": "^[a-z]+\\.[a-z]+$"},
              "LocalName": {"type": "string", "pattern": "^[a-z]+$"},
              "Verb": {"type": "string", "enum": ["==", "!=", "<=", "<", ">=", ">"]},
              "Outcome": {"oneOf": [{"$ref": "#/components/schemas/SucceededOutcome"}, {"$ref": "#/components/schemas/FailedOutcome"}]},
              "SucceededOutcome": {"type": "object", "required": ["output"], "properties": {"succeeded": {"type": "boolean", "const": true}, "output": {"type": "string"}}},
              "FailedOutcome": {"type": "object", "required": ["message"], "properties": {"succeeded": {"type": "boolean", "const": false}, "message": {"type": "string"}}},
              "_NotSet": {"type": "object", "properties": {}, "title": "_NotSet", "description": "Leaves the field as it is."},
              "src__app__shipping__parcel__Item": {"type": "object", "properties": {"weight": {"type": "number"}}},
              "src__app__billing__parcel__Item": {"type": "object", "properties": {"price": {"type": "number"}}}
            }
            """);
        for (var f = 0; f < TwinFamilies; f++)
        {
            schemas[$"Measure{f}Value-Input"] = JObject.Parse("""{"oneOf": [{"$ref": "#/components/schemas/Numerical@fValue"}, {"$ref": "#/components/schemas/Categorical@fValue-Input"}], "discriminator": {"propertyName": "type"}}""".Replace("@f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            schemas[$"Measure{f}Value-Output"] = JObject.Parse("""{"oneOf": [{"$ref": "#/components/schemas/Categorical@fValue-Output"}, {"$ref": "#/components/schemas/Numerical@fValue"}], "discriminator": {"propertyName": "type"}}""".Replace("@f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            schemas[$"Numerical{f}Value"] = JObject.Parse("""{"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "const": "numerical-@f"}, "lower": {"type": "number"}}}""".Replace("@f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            schemas[$"Categorical{f}Value-Input"] = JObject.Parse("""{"type": "object", "required": ["type", "categories"], "properties": {"type": {"type": "string", "const": "categorical-@f"}, "categories": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}}}""".Replace("@f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            schemas[$"Categorical{f}Value-Output"] = JObject.Parse("""{"type": "object", "required": ["type", "categories"], "properties": {"type": {"type": "string", "const": "categorical-@f"}, "categories": {"type": "array", "items": {"type": "string"}}}}""".Replace("@f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return schemas;
    }

    /// <summary>The properties each operation's item gets for those constructs.</summary>
    private static JObject ConstructProperties(int op, string prefix) => JObject.Parse("""
        {
          "pinned": {"type": "array", "prefixItems": [{"$ref": "#/components/schemas/ExternalName"}, {"$ref": "#/components/schemas/LocalName"}], "minItems": 2, "maxItems": 2},
          "loose": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "minItems": 2, "maxItems": 2},
          "verb": {"$ref": "#/components/schemas/Verb"},
          "outcome": {"$ref": "#/components/schemas/Outcome"},
          "measure": {"$ref": "#/components/schemas/Measure@familyValue-Output"},
          "next": {"anyOf": [{"$ref": "#/components/schemas/LocalName"}, {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "minItems": 2, "maxItems": 2}]},
          "language": {"anyOf": [{"type": "string", "enum": ["eng", "fra", "deu"]}, {"$ref": "#/components/schemas/_NotSet"}, {"type": "null"}], "default": {}},
          "key_value": {"type": "string", "format": "binary", "default": ""},
          "shipped": {"$ref": "#/components/schemas/src__app__shipping__parcel__Item"},
          "billed": {"$ref": "#/components/schemas/src__app__billing__parcel__Item"},
          "order": {"$ref": "#/components/schemas/@prefixOrder"},
          "order_line": {"$ref": "#/components/schemas/@prefixOrderLine"}
        }
        """.Replace("@family", (op % TwinFamilies).ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("@prefix", prefix));

    public static void Write(string folder)
    {
        var shared = new JObject();
        var huge = new JArray(Enumerable.Range(0, 7900).Select(i => (JToken)$"Zone/City_{i}"));
        shared["TimeZone"] = new JObject { ["type"] = "string", ["enum"] = new JArray(new[] { "GMT-0", "GMT0", "GMT+0", "Etc/GMT-1", "Etc/GMT+1", "UTC" }.Concat(huge.Values<string>()!)) };
        shared["amigo_lib__pydantic__base_model__StrippedNonemptyString__1"] = new JObject { ["type"] = "string", ["minLength"] = 1 };

        for (var u = 0; u < Unions; u++)
        {
            var members = new JArray();
            for (var v = 0; v < 4; v++)
            {
                var name = $"Union{u}Variant{v}Event";
                shared[name] = new JObject
                {
                    ["type"] = "object",
                    ["title"] = name,
                    ["properties"] = new JObject
                    {
                        ["type"] = new JObject { ["type"] = "string", ["const"] = $"union-{u}-variant-{v}" },
                        ["value_count"] = new JObject { ["anyOf"] = new JArray(new JObject { ["type"] = "integer" }, new JObject { ["type"] = "null" }) },
                        ["label"] = new JObject { ["$ref"] = "#/components/schemas/amigo_lib__pydantic__base_model__StrippedNonemptyString__1", ["description"] = "A $ref with a sibling." },
                    },
                    ["required"] = new JArray("type", "label"),
                };
                members.Add(new JObject { ["$ref"] = $"#/components/schemas/{name}" });
            }
            // Half the unions are nested (a union of two unions), half have an explicit discriminator.
            if (u % 2 == 0)
            {
                shared[$"src__app__service__module{u}__Inner"] = new JObject { ["anyOf"] = new JArray(members[0], members[1]) };
                shared[$"src__app__service__module{u}__Action"] = new JObject
                {
                    ["anyOf"] = new JArray(new JObject { ["$ref"] = $"#/components/schemas/src__app__service__module{u}__Inner" }, members[2], members[3]),
                };
            }
            else
            {
                shared[$"src__app__service__module{u}__Action"] = new JObject
                {
                    ["oneOf"] = members,
                    ["discriminator"] = new JObject { ["propertyName"] = "type" },
                };
            }
        }

        shared.Merge(Constructs());
        var tupleShapes = new[] { "string", "integer", "number", "boolean" };
        var operationsPerTag = Operations / 4;
        var schemaCount = shared.Count;
        for (var op = 0; op < Operations; op++)
        {
            var tag = $"Tag Number {op / operationsPerTag}";
            var opName = $"do_thing_{op}";
            var prefix = $"src__app__endpoints__tag_{op / operationsPerTag}__{opName}__";
            var schemas = (JObject)shared.DeepClone();
            var response = new JObject
            {
                ["type"] = "object",
                ["properties"] = new JObject
                {
                    ["items"] = new JObject { ["type"] = "array", ["items"] = new JObject { ["$ref"] = $"#/components/schemas/{prefix}Response__Item" } },
                    ["has_more"] = new JObject { ["type"] = "boolean" },
                    ["continuation_token"] = new JObject { ["anyOf"] = new JArray(new JObject { ["type"] = "integer" }, new JObject { ["type"] = "null" }) },
                    ["action"] = new JObject { ["$ref"] = $"#/components/schemas/src__app__service__module{op % Unions}__Action" },
                    ["zone"] = new JObject { ["anyOf"] = new JArray(new JObject { ["$ref"] = "#/components/schemas/TimeZone" }, new JObject { ["type"] = "null" }) },
                },
                ["required"] = new JArray("items", "has_more", "continuation_token"),
            };
            var item = new JObject { ["type"] = "object", ["properties"] = new JObject(), ["required"] = new JArray() };
            for (var p = 0; p < 3; p++)
            {
                ((JObject)item["properties"]!)[$"nullable_field_{p}"] = new JObject { ["anyOf"] = new JArray(new JObject { ["type"] = p == 0 ? "string" : "integer" }, new JObject { ["type"] = "null" }) };
            }
            var a = tupleShapes[op % 4];
            var b = tupleShapes[op / 4 % 4];
            ((JObject)item["properties"]!)["version_info"] = new JObject
            {
                ["prefixItems"] = new JArray(new JObject { ["type"] = a }, new JObject { ["type"] = b }),
                ["type"] = "array", ["minItems"] = 2, ["maxItems"] = 2,
            };
            if (op < Tuples)
                ((JObject)item["properties"]!)[$"triple_{op}"] = new JObject
                {
                    ["anyOf"] = new JArray(new JObject { ["prefixItems"] = new JArray(new JObject { ["type"] = a }, new JObject { ["type"] = b }, new JObject { ["type"] = "string" }, Enumerable.Range(0, op % 3).Select(_ => new JObject { ["type"] = "integer" })), ["type"] = "array" }, new JObject { ["type"] = "null" }),
                };
            ((JObject)item["properties"]!).Merge(ConstructProperties(op, prefix));
            schemas[$"{prefix}Order"] = JObject.Parse("""{"type": "object", "properties": {"line_item": {"type": "object", "properties": {"sku": {"type": "string"}}}}}""");
            schemas[$"{prefix}OrderLine"] = JObject.Parse("""{"type": "object", "properties": {"item": {"type": "object", "properties": {"count": {"type": "integer"}}}}}""");
            schemas[$"{prefix}Response"] = response;
            schemas[$"{prefix}Response__Item"] = item;
            schemas[$"{prefix}Request"] = new JObject
            {
                ["type"] = "object",
                ["properties"] = new JObject
                {
                    ["note"] = new JObject { ["anyOf"] = new JArray(new JObject { ["type"] = "string" }, new JObject { ["type"] = "null" }) },
                    ["measure"] = new JObject { ["$ref"] = $"#/components/schemas/Measure{op % TwinFamilies}Value-Input" },
                },
            };

            var operation = new JObject
            {
                ["tags"] = new JArray(tag),
                ["operationId"] = opName.Replace('_', '-'),
                ["parameters"] = new JArray(
                    new JObject { ["name"] = "organization", ["in"] = "path", ["required"] = true, ["schema"] = new JObject { ["type"] = "string" } },
                    new JObject { ["name"] = "limit", ["in"] = "query", ["schema"] = new JObject { ["anyOf"] = new JArray(new JObject { ["type"] = "integer", ["exclusiveMinimum"] = 0 }, new JObject { ["type"] = "null" }) } },
                    new JObject { ["name"] = "sort_by", ["in"] = "query", ["schema"] = new JObject { ["type"] = "array", ["items"] = new JObject { ["type"] = "string" } } },
                    new JObject { ["name"] = "response_kind", ["in"] = "query", ["schema"] = new JObject { ["type"] = "string", ["enum"] = new JArray("text", "voice", $"kind-{op % 5}") } },
                    new JObject { ["name"] = "x-mongo-cluster-name", ["in"] = "header", ["schema"] = new JObject { ["anyOf"] = new JArray(new JObject { ["type"] = "string" }, new JObject { ["type"] = "null" }) } },
                    new JObject { ["name"] = "Sec-WebSocket-Protocol", ["in"] = "header", ["schema"] = new JObject { ["type"] = "array", ["items"] = new JObject { ["type"] = "string" } } },
                    new JObject { ["$ref"] = "#/components/parameters/Cursor" }),
                ["responses"] = new JObject
                {
                    ["200"] = new JObject { ["description"] = "ok", ["content"] = new JObject { ["application/json"] = new JObject { ["schema"] = new JObject { ["type"] = "object", ["$ref"] = $"#/components/schemas/{prefix}Response" } } } },
                    ["422"] = new JObject { ["$ref"] = "#/components/responses/Invalid" },
                },
            };
            var method = "get";
            if (op % 3 == 1)
            {
                method = "post";
                operation["requestBody"] = new JObject { ["content"] = new JObject { ["application/json"] = new JObject { ["schema"] = new JObject { ["$ref"] = $"#/components/schemas/{prefix}Request" } } } };
                ((JObject)operation["responses"]!)["201"] = new JObject { ["description"] = "events", ["content"] = new JObject { ["application/x-ndjson"] = new JObject { ["schema"] = new JObject { ["$ref"] = $"#/components/schemas/src__app__service__module{op % Unions}__Action" } } } };
                ((JObject)operation["responses"]!).Remove("200");
            }
            else if (op % 3 == 2)
            {
                method = "post";
                ((JArray)operation["parameters"]!).Add(new JObject { ["name"] = "content-type", ["in"] = "header", ["required"] = true, ["schema"] = new JObject { ["type"] = "string" } });
                operation["requestBody"] = new JObject
                {
                    ["content"] = new JObject
                    {
                        ["multipart/form-data"] = new JObject
                        {
                            ["schema"] = new JObject
                            {
                                ["oneOf"] = new JArray(
                                    new JObject { ["type"] = "object", ["title"] = "TextBody", ["properties"] = new JObject { ["kind"] = new JObject { ["const"] = "text", ["type"] = "string" }, ["body"] = new JObject { ["type"] = "string" } }, ["required"] = new JArray("kind", "body") },
                                    new JObject { ["type"] = "object", ["title"] = "SkipBody", ["properties"] = new JObject { ["kind"] = new JObject { ["const"] = "skip", ["type"] = "string" }, ["body"] = new JObject { ["type"] = "string", ["maxLength"] = 0 } }, ["required"] = new JArray("kind", "body") }),
                            },
                        },
                    },
                };
            }

            var path = $"/v1/{{organization}}/tag{op / operationsPerTag}/thing{op}";
            // Every tenth operation has FastAPI's default id: the route's name, then its path and method.
            if (op % 10 == 0)
                operation["operationId"] = System.Text.RegularExpressions.Regex.Replace(opName + path, @"\W", "_") + "_" + method;
            var document = new JObject
            {
                ["openapi"] = "3.1.0",
                ["info"] = new JObject { ["title"] = "Large", ["version"] = "1" },
                ["paths"] = new JObject { [path] = new JObject { [method] = operation } },
                ["components"] = new JObject
                {
                    ["schemas"] = schemas,
                    ["parameters"] = JObject.Parse("""{"Cursor": {"name": "cursor", "in": "query", "required": false, "schema": {"anyOf": [{"type": "integer"}, {"type": "null"}]}}}"""),
                    ["responses"] = JObject.Parse("""{"Invalid": {"description": "invalid", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}"""),
                },
            };
            ((JObject)document["components"]!["schemas"]!)["Problem"] = JObject.Parse("""{"type": "object", "properties": {"detail": {"type": "string"}}}""");
            var directory = Path.Combine(folder, $"tag-{op / operationsPerTag}");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"op-{op}.json"), document.ToString());
        }
        _ = schemaCount;
    }
}
