using Amigo.Generated;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>
/// The changes of <see cref="DynamicBehaviorSetsResource.UpdateAsync"/>. Each field is an <see cref="AmigoOptional{T}"/>:
/// a field left unset is left out of the request body, so the server keeps its current value; a field set to a value,
/// or explicitly to null, is sent as such (the API treats an absent field differently from <c>null</c>).
/// </summary>
/// <example>
/// <code>
/// // Rename and deactivate; tags and services stay as they are.
/// await client.DynamicBehaviorSets.UpdateAsync(setId, new DynamicBehaviorSetUpdate { Name = "Refunds", IsActive = false });
/// </code>
/// </example>
public sealed class DynamicBehaviorSetUpdate
{
    /// <summary>The name of the set (<c>name</c>). Not empty when set to a value.</summary>
    public AmigoOptional<string?> Name { get; init; }

    /// <summary>The tags of the set (<c>tags</c>), replacing the current ones; a null value for a tag without a value.</summary>
    public AmigoOptional<IReadOnlyDictionary<string, string?>?> Tags { get; init; }

    /// <summary>The ids of the services the set applies to (<c>applied_to_services</c>), each a 24-hex id.</summary>
    public AmigoOptional<IReadOnlyList<string>?> AppliedToServices { get; init; }

    /// <summary>Whether the set is active (<c>is_active</c>).</summary>
    public AmigoOptional<bool?> IsActive { get; init; }

    /// <summary>
    /// Checks the set fields against the spec's constraints (those of the generated request type) and writes the body:
    /// only set fields, explicit nulls included.
    /// </summary>
    internal JObject ToJson(string paramName)
    {
        AmigoArguments.Body(
            new UpdateDynamicBehaviorSetRequest
            {
                Name = Name.IsSet ? Name.Value : null,
                Tags = Tags.IsSet ? Tags.Value?.ToDictionary(t => t.Key, t => t.Value) : null,
                AppliedToServices = AppliedToServices.IsSet ? AppliedToServices.Value?.ToList() : null,
                IsActive = IsActive.IsSet ? IsActive.Value : null,
            },
            paramName,
            required: true);
        var body = new JObject();
        if (Name.IsSet) body["name"] = Name.Value is null ? JValue.CreateNull() : new JValue(Name.Value);
        if (Tags.IsSet)
        {
            body["tags"] = Tags.Value is null
                ? JValue.CreateNull()
                : new JObject(Tags.Value.Select(t => new JProperty(t.Key, t.Value is null ? JValue.CreateNull() : new JValue(t.Value))));
        }

        if (AppliedToServices.IsSet) body["applied_to_services"] = AppliedToServices.Value is null ? JValue.CreateNull() : new JArray(AppliedToServices.Value);
        if (IsActive.IsSet) body["is_active"] = IsActive.Value is { } active ? new JValue(active) : JValue.CreateNull();
        return body;
    }

    /// <summary>The JSON body this update sends, for logging or inspection (contains no secrets).</summary>
    public override string ToString() => ToJson("update").ToString(Formatting.None);
}
