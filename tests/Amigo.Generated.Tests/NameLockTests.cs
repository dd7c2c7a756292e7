using Amigo.Generated.Tests.Support;
using Amigo.SpecTool.Importing;
using Amigo.SpecTool.NameLock;

namespace Amigo.Generated.Tests;

/// <summary>
/// openapi/names.lock keeps generated type names across releases: what the spec calls a schema, and which name the
/// normalization passes would choose, can change; a type keeps its name while its place in the API exists, or while
/// its shape is unchanged. Each test imports one release, then the next, as a team regenerating in CI does.
/// </summary>
public class NameLockTests
{
    private const string ThingV1 = """
        {"schemas":{
          "src__app__endpoints__thing__get_things__Response":{"type":"object","required":["things"],"properties":{"things":{"type":"array","items":{"$ref":"#/components/schemas/src__app__models__thing__Thing"}}}},
          "src__app__models__thing__Thing":{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"name":{"type":"string"}}}}}
        """;

    private static readonly string GetThings = Returns("src__app__endpoints__thing__get_things__Response");

    [Test]
    public void A_schema_the_spec_renames_keeps_its_type_name()
    {
        using var folder = new SpecFolder();
        Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", GetThings).Components(ThingV1));
        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "GetThingsResponse", "Thing" }));

        // The next release moved both models to other modules; nothing else changed.
        var summary = Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", Returns("src__app__endpoints__catalog__list_catalog_things__Response")).Components("""
            {"schemas":{
              "src__app__endpoints__catalog__list_catalog_things__Response":{"type":"object","required":["things"],"properties":{"things":{"type":"array","items":{"$ref":"#/components/schemas/amigo_lib__catalog__CatalogThing"}}}},
              "amigo_lib__catalog__CatalogThing":{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"name":{"type":"string"}}}}}
            """));

        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "GetThingsResponse", "Thing" }));
        Assert.That(summary.SchemasRenamed, Is.Not.Empty, "the spec renamed the schemas");
        Assert.That(summary.NameLockChanges, Is.Empty, "the lock did not change");
        File.Delete(LockFile.PathIn(folder.Path));
        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "CatalogThing", "ListCatalogThingsResponse" }), "without the lock, both would be renamed");
    }

    [Test]
    public void A_deduplicated_schema_keeps_its_name_when_a_shorter_twin_appears()
    {
        const string userInfo = """{"type":"object","required":["org_id","user_id"],"properties":{"org_id":{"type":"string"},"user_id":{"type":"string"}}}""";
        var v1 = new PublishedSpec()
            .Operation("get", "/sets", "get-sets", "Set", Returns("src__app__endpoints__set__get_sets__Response"))
            .Components("""
                {"schemas":{
                  "src__app__endpoints__set__get_sets__Response":{"type":"object","properties":{"creators":{"type":"array","items":{"$ref":"#/components/schemas/amigo_lib__sets__DynamicSet__UserInfo"}}}},
                  "amigo_lib__sets__DynamicSet__UserInfo":@userInfo}}
                """.Replace("@userInfo", userInfo));
        using var folder = new SpecFolder();
        Import(folder, v1);
        Assert.That(PublishedSpec.TypeNames(folder.Path), Does.Contain("DynamicSetUserInfo"));

        // A new endpoint brings an identical model whose name is shorter: the two fold into one type.
        Import(folder, v1
            .Operation("get", "/agents", "get-agents", "Agent", Returns("src__app__endpoints__agent__get_agents__Response"))
            .Components("""
                {"schemas":{
                  "src__app__endpoints__agent__get_agents__Response":{"type":"object","properties":{"owners":{"type":"array","items":{"$ref":"#/components/schemas/amigo_lib__agents__Agent__UserInfo"}}}},
                  "amigo_lib__agents__Agent__UserInfo":@userInfo}}
                """.Replace("@userInfo", userInfo)));

        var names = PublishedSpec.TypeNames(folder.Path);
        Assert.That(names, Does.Contain("DynamicSetUserInfo").And.No.Contain("AgentUserInfo"));
    }

    [Test]
    public void A_union_base_keeps_its_name_when_the_union_it_was_named_after_goes()
    {
        const string members = """
            "Circle":{"type":"object","required":["type","radius"],"properties":{"type":{"type":"string","const":"circle"},"radius":{"type":"number"}}},
            "Square":{"type":"object","required":["type","side"],"properties":{"type":{"type":"string","const":"square"},"side":{"type":"number"}}}
            """;
        using var folder = new SpecFolder();
        Import(folder, new PublishedSpec().Operation("get", "/shapes", "get-shapes", "Shape", Returns("ShapesResponse")).Components("""
            {"schemas":{"ShapesResponse":{"type":"object","properties":{"shape":{"$ref":"#/components/schemas/Shape"}}},
              "Shape":{"oneOf":[{"$ref":"#/components/schemas/Circle"},{"$ref":"#/components/schemas/Square"}]},@members}}
            """.Replace("@members", members)));
        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.SupersetOf(new[] { "Shape", "UnknownShape" }));

        // The next release writes the union inline: its base would be named after where it sits.
        Import(folder, new PublishedSpec().Operation("get", "/shapes", "get-shapes", "Shape", Returns("ShapesResponse")).Components("""
            {"schemas":{"ShapesResponse":{"type":"object","properties":{"shape":{"oneOf":[{"$ref":"#/components/schemas/Circle"},{"$ref":"#/components/schemas/Square"}]}}},@members}}
            """.Replace("@members", members)));

        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "Circle", "Shape", "ShapesResponse", "Square", "UnknownShape" }));
    }

    [Test]
    public void A_type_whose_place_is_gone_keeps_its_name_while_its_shape_is_unchanged()
    {
        using var folder = new SpecFolder();
        Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", GetThings).Components(ThingV1));

        // get-things is gone; list-things returns the same shapes under other names.
        Import(folder, new PublishedSpec().Operation("get", "/catalog/things", "list-things", "Thing", Returns("src__app__endpoints__catalog__list_things__Response")).Components("""
            {"schemas":{
              "src__app__endpoints__catalog__list_things__Response":{"type":"object","required":["things"],"properties":{"things":{"type":"array","items":{"$ref":"#/components/schemas/Item"}}}},
              "Item":{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"name":{"type":"string"}}}}}
            """));

        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "GetThingsResponse", "Thing" }));
        Assert.That(File.ReadAllText(LockFile.PathIn(folder.Path)), Does.Contain("Thing list-things response 200 .things[]"), "the lock now pins it to its new place");
    }

    [Test]
    public void A_type_whose_shape_changed_keeps_its_name()
    {
        using var folder = new SpecFolder();
        Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", GetThings).Components(ThingV1));

        Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", GetThings).Components("""
            {"schemas":{
              "src__app__endpoints__thing__get_things__Response":{"type":"object","required":["things"],"properties":{"things":{"type":"array","items":{"$ref":"#/components/schemas/amigo_lib__Product"}},"has_more":{"type":"boolean"}}},
              "amigo_lib__Product":{"type":"object","required":["id","price"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"price":{"type":"number"}}}}}
            """));

        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "GetThingsResponse", "Thing" }));
    }

    [Test]
    public void An_object_keeps_its_name_when_its_place_becomes_a_union_of_objects_and_back()
    {
        const string model = """{"type":"object","required":["model_name"],"properties":{"model_name":{"type":"string"},"temperature":{"type":"number"}}}""";
        const string grownModel = """{"type":"object","required":["model_name"],"properties":{"model_name":{"type":"string"},"top_p":{"type":"number"},"temperature":{"type":"number"}}}""";
        const string balanced = """{"type":"object","required":["set_name"],"properties":{"set_name":{"type":"string"}}}""";
        var v1 = new PublishedSpec().Operation("get", "/preferences", "get-preferences", "Preference", Returns("Preferences")).Components("""
            {"schemas":{"Preferences":{"type":"object","properties":{"models":{"type":"object","additionalProperties":{"$ref":"#/components/schemas/ModelConfig"}}}},"ModelConfig":@model}}
            """.Replace("@model", model));
        using var folder = new SpecFolder();
        Import(folder, v1);

        // The next release lets each entry be a model or a load-balanced set (a union told apart by required properties),
        // and the model gained a property.
        Import(folder, new PublishedSpec().Operation("get", "/preferences", "get-preferences", "Preference", Returns("Preferences")).Components("""
            {"schemas":{"Preferences":{"type":"object","properties":{"models":{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#/components/schemas/amigo_lib__Model"},{"$ref":"#/components/schemas/Balanced"}]}}}},
              "amigo_lib__Model":@model,"Balanced":@balanced}}
            """.Replace("@model", grownModel).Replace("@balanced", balanced)));
        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "Balanced", "ModelConfig", "ModelOrBalanced", "Preferences" }));

        Import(folder, v1);
        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "ModelConfig", "Preferences" }));
    }

    [Test]
    public void The_lock_has_one_line_per_type_and_decides_its_name()
    {
        using var folder = new SpecFolder();
        Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", GetThings).Components(ThingV1));

        var lines = File.ReadAllLines(LockFile.PathIn(folder.Path)).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(lines, Is.EqualTo(new[] { "GetThingsResponse get-things response 200", "Thing get-things response 200 .things[]" }));

        // A reviewer who wants another name edits its line; the build follows.
        File.WriteAllText(LockFile.PathIn(folder.Path), File.ReadAllText(LockFile.PathIn(folder.Path)).Replace("Thing get-things response 200 .things[]", "CatalogItem get-things response 200 .things[]"));
        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "CatalogItem", "GetThingsResponse" }));
    }

    [Test]
    public void A_build_names_types_through_the_lock_without_an_import()
    {
        using var folder = new SpecFolder();
        Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", GetThings).Components(ThingV1));

        // A hand edit that renames a schema (no import, so the lock is as it was).
        var file = Path.Combine(folder.Path, "thing", "get-things.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("src__app__models__thing__Thing", "amigo_lib__Widget"));

        Assert.That(PublishedSpec.TypeNames(folder.Path), Is.EqualTo(new[] { "GetThingsResponse", "Thing" }));
    }

    [Test]
    public void New_types_get_clean_names_and_join_the_lock()
    {
        using var folder = new SpecFolder();
        Import(folder, new PublishedSpec().Operation("get", "/things", "get-things", "Thing", GetThings).Components(ThingV1));

        var summary = Import(folder, new PublishedSpec()
            .Operation("get", "/things", "get-things", "Thing", GetThings)
            .Operation("get", "/parcels/", "get_parcels_v1__organization__parcels__get", "Parcel", Returns("src__app__endpoints__parcel__get_parcels__Response"))
            .Components(ThingV1)
            .Components("""
                {"schemas":{
                  "src__app__endpoints__parcel__get_parcels__Response":{"type":"object","properties":{"shipped":{"$ref":"#/components/schemas/src__app__shipping__parcel__Item"},"billed":{"$ref":"#/components/schemas/src__app__billing__parcel__Item"}}},
                  "src__app__shipping__parcel__Item":{"type":"object","properties":{"weight":{"type":"number"}}},
                  "src__app__billing__parcel__Item":{"type":"object","properties":{"price":{"type":"number"}}}}}
                """));

        var names = PublishedSpec.TypeNames(folder.Path);
        Assert.That(names, Is.EqualTo(new[] { "BillingParcelItem", "GetParcelsResponse", "GetThingsResponse", "ShippingParcelItem", "Thing" }));
        Assert.That(summary.NameLockChanges, Is.EqualTo(new[]
        {
            "+ BillingParcelItem get-parcels response 200 .billed",
            "+ GetParcelsResponse get-parcels response 200",
            "+ ShippingParcelItem get-parcels response 200 .shipped",
        }));
    }

    private static string Returns(string schema) =>
        """{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/""" + schema + "\"}}}}}}";

    private static ImportSummary Import(SpecFolder folder, PublishedSpec spec) => SpecImporter.Import(spec.Document, folder.Path);
}
