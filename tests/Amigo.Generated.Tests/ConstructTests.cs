using System.Reflection;
using Amigo.Generated.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>
/// Each construct that stopped a published release from building, on a small spec made here: it must generate
/// clean code that compiles, and the values must read and write the API's JSON. Nothing here is a schema of the API.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class ConstructTests
{
    [Test]
    public void Tuples_that_differ_only_in_constraints_share_one_type()
    {
        using var spec = new SpecFolder().Operation("get", "/routes", "get-routes", SpecFolder.Returning("""{"$ref":"#/components/schemas/Routes"}"""), """
            {"schemas":{
              "ExternalName":{"type":"string","pattern":"^[a-z]+\\.[a-z]+$"},
              "LocalName":{"type":"string","pattern":"^[a-z]+$"},
              "Routes":{"type":"object","required":["pinned","loose"],"properties":{
                "pinned":{"type":"array","prefixItems":[{"$ref":"#/components/schemas/ExternalName"},{"$ref":"#/components/schemas/LocalName"}],"minItems":2,"maxItems":2,"description":"Where to go."},
                "loose":{"type":"array","prefixItems":[{"type":"string"},{"type":"string"}],"minItems":2,"maxItems":2}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        var tuples = ((JObject)client.Merged["components"]!["schemas"]!).Properties().Where(p => p.Value["x-amigo-tuple"] is not null).Select(p => p.Name);
        Assert.That(tuples, Is.EqualTo(new[] { "StringStringTuple" }));
        Assert.That((string?)client.Merged["components"]!["schemas"]!["Routes"]!["properties"]!["pinned"]!["description"], Does.Contain("^[a-z]+\\.[a-z]+$"));
        const string json = """{"pinned":["other.graph","start"],"loose":["a","b"]}""";
        Assert.That(JToken.DeepEquals(JObject.Parse(SyntheticClient.Write(assembly, SyntheticClient.Read(assembly, "Routes", json))), JObject.Parse(json)), Is.True);
    }

    [Test]
    public void Pydantic_input_and_output_twins_in_one_union_become_one_member()
    {
        using var spec = new SpecFolder().Operation("post", "/measures", "create-measure",
            SpecFolder.Taking("""{"$ref":"#/components/schemas/MeasureRequest"}""", """{"$ref":"#/components/schemas/MeasureResponse"}"""), """
            {"schemas":{
              "MeasureRequest":{"type":"object","required":["value"],"properties":{"value":{"$ref":"#/components/schemas/MeasureValue-Input"}}},
              "MeasureResponse":{"type":"object","required":["value"],"properties":{"value":{"$ref":"#/components/schemas/MeasureValue-Output"}}},
              "MeasureValue-Input":{"oneOf":[{"$ref":"#/components/schemas/NumericalValue"},{"$ref":"#/components/schemas/CategoricalValue-Input"}],"discriminator":{"propertyName":"type"}},
              "MeasureValue-Output":{"oneOf":[{"$ref":"#/components/schemas/CategoricalValue-Output"},{"$ref":"#/components/schemas/NumericalValue"}],"discriminator":{"propertyName":"type"}},
              "NumericalValue":{"type":"object","required":["type","lower"],"properties":{"type":{"type":"string","const":"numerical"},"lower":{"type":"number"}}},
              "CategoricalValue-Input":{"type":"object","required":["type","categories"],"properties":{"type":{"type":"string","const":"categorical"},"categories":{"type":"array","items":{"type":"string","minLength":1},"minItems":1}}},
              "CategoricalValue-Output":{"type":"object","required":["type","categories"],"properties":{"type":{"type":"string","const":"categorical"},"categories":{"type":"array","items":{"type":"string"}}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        Assert.That(client.TypeNames, Does.Contain("MeasureValue").And.Contain("CategoricalValue").And.Contain("UnknownMeasureValue"));
        Assert.That(client.TypeNames, Has.None.Contains("Input").And.None.Contains("Output"));
        const string json = """{"value":{"type":"categorical","categories":["red"]}}""";
        var response = SyntheticClient.Read(assembly, "MeasureResponse", json)!;
        var value = response.GetType().GetProperty("Value")!.GetValue(response);
        Assert.That(value, Is.InstanceOf(SyntheticClient.Type(assembly, "CategoricalValue")));
        Assert.That(JToken.DeepEquals(JObject.Parse(SyntheticClient.Write(assembly, response)), JObject.Parse(json)), Is.True);
    }

    [Test]
    public void Enum_values_that_are_operators_get_distinct_member_names()
    {
        using var spec = new SpecFolder().Operation("get", "/conditions", "get-conditions", SpecFolder.Returning("""{"$ref":"#/components/schemas/Condition"}"""), """
            {"schemas":{
              "Verb":{"type":"string","enum":["==","!=","<=","<",">=",">"]},
              "Condition":{"type":"object","required":["verb","value"],"properties":{"verb":{"$ref":"#/components/schemas/Verb"},"value":{"type":"string"}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        Assert.That(Enum.GetNames(SyntheticClient.Type(assembly, "Verb")), Is.EqualTo(new[] { "Equal", "NotEqual", "LessThanOrEqual", "LessThan", "GreaterThanOrEqual", "GreaterThan" }));
        const string json = """{"verb":"<=","value":"3"}""";
        Assert.That(SyntheticClient.Write(assembly, SyntheticClient.Read(assembly, "Condition", json)), Is.EqualTo(json));
    }

    [Test]
    public void A_union_told_apart_by_a_boolean_constant_reads_each_member()
    {
        using var spec = new SpecFolder().Operation("get", "/invocations", "get-invocation", SpecFolder.Returning("""{"$ref":"#/components/schemas/Invocation"}"""), """
            {"schemas":{
              "Invocation":{"type":"object","required":["status"],"properties":{"status":{"$ref":"#/components/schemas/InvocationStatus","description":"How it went."}}},
              "InvocationStatus":{"oneOf":[{"$ref":"#/components/schemas/SucceededStatus"},{"$ref":"#/components/schemas/FailedStatus"}]},
              "SucceededStatus":{"type":"object","required":["output"],"properties":{"succeeded":{"type":"boolean","const":true,"default":true},"output":{"type":"string"}}},
              "FailedStatus":{"type":"object","required":["message"],"properties":{"succeeded":{"type":"boolean","const":false,"default":false},"message":{"type":"string"}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        foreach (var (json, member) in new[] { ("""{"status":{"succeeded":false,"message":"boom"}}""", "FailedStatus"), ("""{"status":{"succeeded":true,"output":"ok"}}""", "SucceededStatus") })
        {
            var invocation = SyntheticClient.Read(assembly, "Invocation", json)!;
            Assert.That(invocation.GetType().GetProperty("Status")!.GetValue(invocation), Is.InstanceOf(SyntheticClient.Type(assembly, member)));
            Assert.That(JToken.DeepEquals(JObject.Parse(SyntheticClient.Write(assembly, invocation)), JObject.Parse(json)), Is.True, json);
        }
        Assert.That(SyntheticClient.Type(assembly, "InvocationStatus").GetProperty("Succeeded")!.PropertyType, Is.EqualTo(typeof(bool?)));
    }

    [Test]
    public void String_or_tuple_and_string_or_sentinel_values_round_trip_their_json()
    {
        using var spec = new SpecFolder().Operation("post", "/states", "update-state",
            SpecFolder.Taking("""{"$ref":"#/components/schemas/State"}""", """{"$ref":"#/components/schemas/State"}"""), """
            {"schemas":{
              "_NotSet":{"type":"object","properties":{},"title":"_NotSet","description":"Leaves the field as it is."},
              "State":{"type":"object","required":["next"],"properties":{
                "next":{"anyOf":[{"type":"string","pattern":"^[a-z]+$"},{"type":"array","prefixItems":[{"type":"string"},{"type":"string"}],"minItems":2,"maxItems":2}]},
                "language":{"anyOf":[{"type":"string","enum":["eng","fra"]},{"$ref":"#/components/schemas/_NotSet"},{"type":"null"}],"default":{}}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        var state = SyntheticClient.Type(assembly, "State");
        foreach (var property in new[] { "Next", "Language" })
            Assert.That(state.GetProperty(property)!.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly), Has.Length.GreaterThanOrEqualTo(2), property);
        foreach (var json in new[]
                 {
                     """{"next":"greeting","language":"eng"}""",
                     """{"next":["other.graph","start"],"language":{}}""",
                     """{"next":"greeting"}""",
                 })
            Assert.That(SyntheticClient.Write(assembly, SyntheticClient.Read(assembly, "State", json)), Is.EqualTo(json));
    }

    [Test]
    public void Objects_told_apart_by_a_property_only_one_requires_read_as_that_object()
    {
        using var spec = new SpecFolder().Operation("get", "/preferences", "get-preferences", SpecFolder.Returning("""{"$ref":"#/components/schemas/Preferences"}"""), """
            {"schemas":{
              "Preferences":{"type":"object","required":["models"],"properties":{"models":{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#/components/schemas/ModelConfig"},{"$ref":"#/components/schemas/BalancedConfig"}]}}}},
              "ModelConfig":{"type":"object","required":["model_name","temperature"],"properties":{"model_name":{"type":"string"},"temperature":{"type":"number"}}},
              "BalancedConfig":{"type":"object","required":["set_name"],"properties":{"set_name":{"type":"string"},"temperature":{"type":"number"}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        Assert.That(client.TypeNames, Has.None.StartsWith("Anonymous"));
        const string json = """{"models":{"chat":{"model_name":"m","temperature":0.5},"search":{"set_name":"fast"}}}""";
        var preferences = SyntheticClient.Read(assembly, "Preferences", json)!;
        var models = (System.Collections.IDictionary)preferences.GetType().GetProperty("Models")!.GetValue(preferences)!;
        var chat = models["chat"]!;
        Assert.That(chat.GetType().GetProperty("ModelConfig")!.GetValue(chat), Is.InstanceOf(SyntheticClient.Type(assembly, "ModelConfig")));
        Assert.That(JToken.DeepEquals(JObject.Parse(SyntheticClient.Write(assembly, preferences)), JObject.Parse(json)), Is.True);
    }

    [Test]
    public void A_binary_value_with_a_string_default_compiles_as_bytes()
    {
        using var spec = new SpecFolder().Operation("post", "/keys", "create-key",
            SpecFolder.Taking("""{"$ref":"#/components/schemas/Key"}""", """{"type":"object"}"""), """
            {"schemas":{
              "Key":{"type":"object","properties":{
                "key_value":{"type":"string","contentEncoding":"base64","default":""},
                "blob":{"type":"string","format":"binary","default":"AA=="}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        Assert.That(SyntheticClient.Type(assembly, "Key").GetProperty("KeyValue")!.PropertyType, Is.EqualTo(typeof(byte[])));
        Assert.That((string?)client.Merged["components"]!["schemas"]!["Key"]!["properties"]!["blob"]!["description"], Does.Contain("Default: `AA==`"));
    }

    [Test]
    public void Names_that_collide_are_made_unique_deterministically()
    {
        using var spec = new SpecFolder().Operation("get", "/orders", "get-orders", SpecFolder.Returning("""{"$ref":"#/components/schemas/Orders"}"""), """
            {"schemas":{
              "Orders":{"type":"object","properties":{"order":{"$ref":"#/components/schemas/Order"},"line":{"$ref":"#/components/schemas/OrderLine"},
                "shipped":{"$ref":"#/components/schemas/src__app__shipping__parcel__Item"},"billed":{"$ref":"#/components/schemas/src__app__billing__parcel__Item"}}},
              "Order":{"type":"object","properties":{"line_item":{"type":"object","properties":{"sku":{"type":"string"}}}}},
              "OrderLine":{"type":"object","properties":{"item":{"type":"object","properties":{"count":{"type":"integer"}}}}},
              "src__app__shipping__parcel__Item":{"type":"object","properties":{"weight":{"type":"number"}}},
              "src__app__billing__parcel__Item":{"type":"object","properties":{"price":{"type":"number"}}}}}
            """);

        var first = SyntheticClient.Generate(spec.Path);
        var second = SyntheticClient.Generate(spec.Path);

        Assert.That(first.Errors, Is.Empty);
        Assert.That(first.TypeNames, Is.SupersetOf(new[] { "OrderLineItem", "OrderLineItemObject", "ShippingParcelItem", "BillingParcelItem" }));
        Assert.That(second.TypeNames, Is.EqualTo(first.TypeNames));
    }

    [Test]
    public void Shared_parameters_and_responses_in_components_reach_the_operation()
    {
        using var spec = new SpecFolder().Operation("get", "/pages", "get-pages", """
            {"parameters":[{"$ref":"#/components/parameters/Limit"}],
             "responses":{"200":{"$ref":"#/components/responses/Page"},"422":{"$ref":"#/components/responses/Invalid"}}}
            """, """
            {"parameters":{"Limit":{"name":"limit","in":"query","required":false,"schema":{"type":"integer","minimum":1}}},
             "responses":{
               "Page":{"description":"A page.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}},
               "Invalid":{"description":"Invalid.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}},
             "schemas":{
               "Page":{"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"string"}}}},
               "Problem":{"type":"object","properties":{"detail":{"type":"string"}}}}}
            """);

        var client = SyntheticClient.Generate(spec.Path);
        var assembly = client.Load();

        var method = SyntheticClient.Type(assembly, "ThingClient").GetMethods().Where(m => m.Name == "GetPagesAsync").MaxBy(m => m.GetParameters().Length)!;
        Assert.That(method.GetParameters().Select(p => p.Name), Does.Contain("limit"));
        Assert.That(method.ReturnType.GetGenericArguments().Single(), Is.EqualTo(SyntheticClient.Type(assembly, "Page")));
        Assert.That(client.TypeNames, Does.Contain("Problem"));
    }
}
