namespace Amigo;

/// <summary>
/// A <c>tag</c> filter of a list operation, sent as <c>key:value</c>: match items having tag <see cref="Key"/> with a
/// given value (<see cref="WithValue"/>), with any value (<see cref="WithAnyValue"/>, <c>key:*</c>), or without a value
/// (<see cref="WithoutValue"/>, <c>key:</c>).
/// </summary>
public sealed class AmigoTagFilter : IEquatable<AmigoTagFilter>
{
    private AmigoTagFilter(string key, string? value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The tag key.</summary>
    public string Key { get; }

    /// <summary>The value to match: a tag value, <c>*</c> for any value, or null for a tag without a value.</summary>
    public string? Value { get; }

    /// <summary>Matches items whose tag <paramref name="key"/> has exactly <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The key or value breaks the tag rules (letters, digits, underscores or spaces; values up to 100 characters).</exception>
    public static AmigoTagFilter WithValue(string key, string value)
    {
        AmigoValidation.TagKey(key, nameof(key));
        ArgumentNullException.ThrowIfNull(value);
        AmigoValidation.TagValue(value, key, nameof(value));
        return new AmigoTagFilter(key, value);
    }

    /// <summary>Matches items that have tag <paramref name="key"/>, whatever its value (<c>key:*</c>).</summary>
    /// <exception cref="ArgumentException">The key breaks the tag rules.</exception>
    public static AmigoTagFilter WithAnyValue(string key)
    {
        AmigoValidation.TagKey(key, nameof(key));
        return new AmigoTagFilter(key, "*");
    }

    /// <summary>Matches items whose tag <paramref name="key"/> has no value (<c>key:</c>).</summary>
    /// <exception cref="ArgumentException">The key breaks the tag rules.</exception>
    public static AmigoTagFilter WithoutValue(string key)
    {
        AmigoValidation.TagKey(key, nameof(key));
        return new AmigoTagFilter(key, null);
    }

    /// <summary>The query value: <c>key:value</c>, <c>key:*</c> or <c>key:</c>.</summary>
    public override string ToString() => $"{Key}:{Value}";

    /// <inheritdoc />
    public bool Equals(AmigoTagFilter? other) => other is not null && Key == other.Key && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AmigoTagFilter);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, Value);

    internal static IReadOnlyList<string>? ToQueryValues(IEnumerable<AmigoTagFilter>? filters, string paramName)
    {
        if (filters is null)
        {
            return null;
        }

        var values = new List<string>();
        var index = 0;
        foreach (var filter in filters)
        {
            if (filter is null)
            {
                throw new ArgumentException($"{paramName}[{index}] is null.", paramName);
            }

            values.Add(filter.ToString());
            index++;
        }

        return values.Count == 0 ? null : values;
    }
}
