namespace Amigo;

/// <summary>
/// A field of an update request that is either left out (the server keeps the current value) or set to a value,
/// which may be null. Assign a value, or null, to set it; leave it at <c>default</c> to leave the field unchanged.
/// </summary>
/// <typeparam name="T">The value type (nullable where the API accepts null).</typeparam>
public readonly struct AmigoOptional<T> : IEquatable<AmigoOptional<T>>
{
    private readonly T _value;

    /// <summary>A field set to <paramref name="value"/> (which may be null).</summary>
    public AmigoOptional(T value)
    {
        _value = value;
        IsSet = true;
    }

    /// <summary>A field left out of the request: the server keeps its current value.</summary>
    public static AmigoOptional<T> Unset => default;

    /// <summary>Whether the field is sent.</summary>
    public bool IsSet { get; }

    /// <summary>The value to send.</summary>
    /// <exception cref="InvalidOperationException">The field is not set.</exception>
    public T Value => IsSet ? _value : throw new InvalidOperationException("The field is not set; check IsSet first.");

    /// <summary>A field set to <paramref name="value"/> (which may be null).</summary>
    public static implicit operator AmigoOptional<T>(T value) => new(value);

    /// <inheritdoc />
    public bool Equals(AmigoOptional<T> other) => IsSet == other.IsSet && EqualityComparer<T>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AmigoOptional<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IsSet ? HashCode.Combine(true, _value) : 0;

    /// <summary>Whether both are unset, or both set to equal values.</summary>
    public static bool operator ==(AmigoOptional<T> left, AmigoOptional<T> right) => left.Equals(right);

    /// <summary>Whether they differ.</summary>
    public static bool operator !=(AmigoOptional<T> left, AmigoOptional<T> right) => !left.Equals(right);

    /// <summary>The value, <c>null</c>, or <c>(unset)</c>.</summary>
    public override string ToString() => IsSet ? _value?.ToString() ?? "null" : "(unset)";
}
