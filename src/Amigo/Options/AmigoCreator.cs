namespace Amigo;

/// <summary>A user who created dynamic behavior sets, for the <c>creator</c> filter: sent as <c>org_id,user_id</c>.</summary>
/// <param name="OrganizationId">The organization of the user.</param>
/// <param name="UserId">The user id.</param>
public readonly record struct AmigoCreator(string OrganizationId, string UserId)
{
    /// <summary>The query value, <c>org_id,user_id</c>.</summary>
    public override string ToString() => $"{OrganizationId},{UserId}";

    /// <summary>The creator described by a <see cref="Amigo.Generated.DynamicBehaviorSetUserInfo"/> (for example from a set or from <c>filter_values</c>).</summary>
    public static AmigoCreator From(Amigo.Generated.DynamicBehaviorSetUserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AmigoCreator(user.OrgId, user.UserId);
    }

    internal static IReadOnlyList<string>? ToQueryValues(IEnumerable<AmigoCreator>? creators, string paramName)
    {
        if (creators is null)
        {
            return null;
        }

        var values = new List<string>();
        var index = 0;
        foreach (var creator in creators)
        {
            AmigoValidation.NonBlank(creator.OrganizationId, $"{paramName}[{index}].{nameof(OrganizationId)}");
            AmigoValidation.NonBlank(creator.UserId, $"{paramName}[{index}].{nameof(UserId)}");
            if (creator.OrganizationId.Contains(',') || creator.UserId.Contains(','))
            {
                throw new ArgumentException($"{paramName}[{index}] contains a comma, which the org_id,user_id format cannot carry.", paramName);
            }

            var value = creator.ToString();
            if (!values.Contains(value, StringComparer.Ordinal))
            {
                values.Add(value);
            }

            index++;
        }

        return values.Count == 0 ? null : values;
    }
}
