using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Serialization;

namespace Amigo;

/// <summary>The direction of one sort key.</summary>
public enum SortDirection
{
    /// <summary>Smallest or earliest first (<c>+field</c>).</summary>
    Ascending,

    /// <summary>Largest or latest first (<c>-field</c>).</summary>
    Descending,
}

/// <summary>Starts a sort order for a list operation: <c>AmigoSort.Descending(ConversationSortField.CreatedAt)</c>.</summary>
public static class AmigoSort
{
    /// <summary>A sort order by <paramref name="field"/>, ascending.</summary>
    /// <typeparam name="TField">The enum of the fields the list operation can sort by.</typeparam>
    public static AmigoSort<TField> Ascending<TField>(TField field) where TField : struct, Enum => AmigoSort<TField>.Empty.ThenBy(field, SortDirection.Ascending);

    /// <summary>A sort order by <paramref name="field"/>, descending.</summary>
    /// <typeparam name="TField">The enum of the fields the list operation can sort by.</typeparam>
    public static AmigoSort<TField> Descending<TField>(TField field) where TField : struct, Enum => AmigoSort<TField>.Empty.ThenBy(field, SortDirection.Descending);
}

/// <summary>
/// An immutable sort order: one or more fields, each ascending or descending, later fields breaking ties of earlier
/// ones. Sent as the <c>sort_by</c> query values <c>+field</c> (ascending) and <c>-field</c> (descending).
/// </summary>
/// <typeparam name="TField">The enum of the fields the list operation can sort by (for example <see cref="ConversationSortField"/>).</typeparam>
public sealed class AmigoSort<TField> where TField : struct, Enum
{
    internal static readonly AmigoSort<TField> Empty = new(ImmutableArray<(TField, SortDirection)>.Empty);

    // The sort field enums name each field's wire name with [EnumMember]; members without one cannot be sorted by.
    private static readonly IReadOnlyDictionary<TField, string> WireNames = typeof(TField)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.GetCustomAttribute<EnumMemberAttribute>()?.Value is { Length: > 0 })
        .ToDictionary(f => (TField)f.GetValue(null)!, f => f.GetCustomAttribute<EnumMemberAttribute>()!.Value!);

    private readonly ImmutableArray<(TField Field, SortDirection Direction)> _keys;

    private AmigoSort(ImmutableArray<(TField, SortDirection)> keys)
    {
        _keys = keys;
    }

    /// <summary>The sort keys, most significant first.</summary>
    public IReadOnlyList<(TField Field, SortDirection Direction)> Keys => _keys;

    /// <summary>Adds <paramref name="field"/>, ascending, to break ties of the keys so far.</summary>
    /// <exception cref="ArgumentException">The field is already in this sort order, or is not a defined field.</exception>
    public AmigoSort<TField> ThenAscending(TField field) => ThenBy(field, SortDirection.Ascending);

    /// <summary>Adds <paramref name="field"/>, descending, to break ties of the keys so far.</summary>
    /// <exception cref="ArgumentException">The field is already in this sort order, or is not a defined field.</exception>
    public AmigoSort<TField> ThenDescending(TField field) => ThenBy(field, SortDirection.Descending);

    /// <summary>Adds <paramref name="field"/> in <paramref name="direction"/> to break ties of the keys so far.</summary>
    /// <exception cref="ArgumentException">The field is already in this sort order, or is not a defined field.</exception>
    public AmigoSort<TField> ThenBy(TField field, SortDirection direction)
    {
        if (!WireNames.ContainsKey(field))
        {
            throw new ArgumentException(
                $"{typeof(TField).Name}.{field} is not a field the API can sort by; use the sort field enum of the list's options (for example {nameof(ConversationSortField)}).",
                nameof(field));
        }

        if (direction is not (SortDirection.Ascending or SortDirection.Descending))
        {
            throw new ArgumentException($"{direction} is not a {nameof(SortDirection)}.", nameof(direction));
        }

        foreach (var key in _keys)
        {
            if (EqualityComparer<TField>.Default.Equals(key.Field, field))
            {
                throw new ArgumentException($"The sort order already has {field}; a field can appear once.", nameof(field));
            }
        }

        return new AmigoSort<TField>(_keys.Add((field, direction)));
    }

    /// <summary>The <c>sort_by</c> query values, for example <c>["-created_at", "+interaction_id"]</c>.</summary>
    public IReadOnlyList<string> ToQueryValues() =>
        _keys.Select(k => (k.Direction == SortDirection.Ascending ? "+" : "-") + WireNames[k.Field]).ToArray();

    /// <summary>The <c>sort_by</c> values joined with commas, for display.</summary>
    public override string ToString() => string.Join(",", ToQueryValues());
}

/// <summary>The fields conversations can be sorted by.</summary>
public enum ConversationSortField
{
    /// <summary>When the conversation was created (<c>created_at</c>).</summary>
    [EnumMember(Value = "created_at")]
    CreatedAt,
}

/// <summary>The fields conversation messages can be sorted by.</summary>
public enum ConversationMessageSortField
{
    /// <summary>The interaction the message belongs to (<c>interaction_id</c>).</summary>
    [EnumMember(Value = "interaction_id")]
    InteractionId,

    /// <summary>When the message was created (<c>created_at</c>).</summary>
    [EnumMember(Value = "created_at")]
    CreatedAt,
}

/// <summary>The fields dynamic behavior sets can be sorted by.</summary>
public enum DynamicBehaviorSetSortField
{
    /// <summary>When the set was last updated (<c>updated_at</c>).</summary>
    [EnumMember(Value = "updated_at")]
    UpdatedAt,
}

/// <summary>The fields dynamic behavior set versions can be sorted by.</summary>
public enum DynamicBehaviorSetVersionSortField
{
    /// <summary>The version number (<c>version</c>).</summary>
    [EnumMember(Value = "version")]
    Version,
}

/// <summary>The fields dynamic behavior invocations can be sorted by.</summary>
public enum DynamicBehaviorInvocationSortField
{
    /// <summary>When the behavior was invoked (<c>invoked_at</c>).</summary>
    [EnumMember(Value = "invoked_at")]
    InvokedAt,
}
