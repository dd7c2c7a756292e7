using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Normalization;

/// <summary>
/// Operation ids become the stable kebab-case names of <see cref="Naming.OperationNames"/>, which NSwag turns into
/// method names (<c>get_roles_v1__organization__role__get</c> → <c>get-roles</c> → <c>GetRolesAsync</c>). The id
/// as published stays under <c>x-amigo-spec-operation-id</c> when it differs.
/// </summary>
public static class OperationIds
{
    public const string PublishedIdMarker = "x-amigo-spec-operation-id";

    public static void Run(JObject document)
    {
        var operations = SchemaWalker.Operations(document).ToList();
        var names = Naming.OperationNames(operations.Select(o => (o.OperationId, o.Method, o.Path)).ToList());
        foreach (var ((operation, id, _, _), name) in operations.Zip(names))
        {
            if (id == name) continue;
            operation[PublishedIdMarker] = id;
            operation["operationId"] = name;
        }
    }
}
