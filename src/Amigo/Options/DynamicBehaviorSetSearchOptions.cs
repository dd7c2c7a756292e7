namespace Amigo;

/// <summary>Filters for <see cref="DynamicBehaviorSetsResource.SearchAsync"/> (<c>search-dynamic-behavior-sets</c>). Unset properties are not sent.</summary>
public sealed class DynamicBehaviorSetSearchOptions
{
    /// <summary>Only active (true) or inactive (false) sets (<c>is_active</c>); null for both.</summary>
    public bool? IsActive { get; init; }

    /// <summary>Only sets applied to these services (<c>applied_to_service</c>), each a 24-hex id.</summary>
    public IReadOnlyList<string>? AppliedToServices { get; init; }

    /// <summary>Only sets created by these users (<c>creator</c>, sent as <c>org_id,user_id</c>).</summary>
    public IReadOnlyList<AmigoCreator>? Creators { get; init; }

    /// <summary>Only sets with these tags (<c>tag</c>).</summary>
    public IReadOnlyList<AmigoTagFilter>? Tags { get; init; }
}
