using System.Globalization;

namespace Amigo;

/// <summary>
/// Which versions of a dynamic behavior set to list (the <c>version</c> query parameter): one exact version number,
/// the latest version, or an inclusive range of version numbers.
/// </summary>
public sealed class DynamicBehaviorSetVersionFilter : IEquatable<DynamicBehaviorSetVersionFilter>
{
    private readonly string _value;

    private DynamicBehaviorSetVersionFilter(string value, int? lower, int? upper)
    {
        _value = value;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The latest version only (<c>latest</c>).</summary>
    public static DynamicBehaviorSetVersionFilter Latest { get; } = new("latest", null, null);

    /// <summary>Whether this is <see cref="Latest"/>.</summary>
    public bool IsLatest => Lower is null;

    /// <summary>Whether this selects one exact version.</summary>
    public bool IsExact => Lower is not null && Lower == Upper;

    /// <summary>The lowest version number selected (null for <see cref="Latest"/>).</summary>
    public int? Lower { get; }

    /// <summary>The highest version number selected (null for <see cref="Latest"/>).</summary>
    public int? Upper { get; }

    /// <summary>Version <paramref name="version"/> only.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    public static DynamicBehaviorSetVersionFilter Exact(int version)
    {
        CheckVersion(version, nameof(version));
        return new DynamicBehaviorSetVersionFilter(version.ToString(CultureInfo.InvariantCulture), version, version);
    }

    /// <summary>Every version from <paramref name="lower"/> to <paramref name="upper"/>, both included (<c>lower-upper</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is less than 1, or <paramref name="upper"/> is less than <paramref name="lower"/>.</exception>
    public static DynamicBehaviorSetVersionFilter Range(int lower, int upper)
    {
        CheckVersion(lower, nameof(lower));
        CheckVersion(upper, nameof(upper));
        if (upper < lower)
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"upper ({upper}) must not be less than lower ({lower}).");
        }

        return new DynamicBehaviorSetVersionFilter(
            FormattableString.Invariant($"{lower}-{upper}"), lower, upper);
    }

    /// <summary>Version <paramref name="version"/> only.</summary>
    public static implicit operator DynamicBehaviorSetVersionFilter(int version) => Exact(version);

    /// <summary>The query value: <c>3</c>, <c>latest</c> or <c>2-5</c>.</summary>
    public override string ToString() => _value;

    /// <inheritdoc />
    public bool Equals(DynamicBehaviorSetVersionFilter? other) => other is not null && _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DynamicBehaviorSetVersionFilter);

    /// <inheritdoc />
    public override int GetHashCode() => _value.GetHashCode(StringComparison.Ordinal);

    private static void CheckVersion(int version, string paramName)
    {
        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, version, $"{paramName} must be a version number of 1 or more, but was {version}.");
        }
    }
}
