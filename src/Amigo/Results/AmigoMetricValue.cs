using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Amigo;

/// <summary>What a <see cref="AmigoMetricValue"/> holds.</summary>
public enum MetricValueKind
{
    /// <summary>No value: the metric could not be computed.</summary>
    Null,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A string.</summary>
    String,
}

/// <summary>
/// The value of an evaluated metric: a number, a boolean, a string, or null. Switch on <see cref="Kind"/>, or read it
/// with <see cref="TryGetNumber"/>, <see cref="TryGetBoolean"/>, <see cref="TryGetString"/> or the <c>As</c> methods,
/// none of which throw.
/// </summary>
public readonly struct AmigoMetricValue : IEquatable<AmigoMetricValue>
{
    private readonly double _number;
    private readonly bool _boolean;
    private readonly string? _string;

    private AmigoMetricValue(MetricValueKind kind, double number, bool boolean, string? text)
    {
        Kind = kind;
        _number = number;
        _boolean = boolean;
        _string = text;
    }

    /// <summary>The null value.</summary>
    public static AmigoMetricValue Null => default;

    /// <summary>What this value holds.</summary>
    public MetricValueKind Kind { get; }

    /// <summary>Whether the metric has no value.</summary>
    public bool IsNull => Kind == MetricValueKind.Null;

    /// <summary>A number value.</summary>
    public static AmigoMetricValue FromNumber(double value) => new(MetricValueKind.Number, value, false, null);

    /// <summary>A boolean value.</summary>
    public static AmigoMetricValue FromBoolean(bool value) => new(MetricValueKind.Boolean, 0, value, null);

    /// <summary>A string value (null gives <see cref="Null"/>).</summary>
    public static AmigoMetricValue FromString(string? value) => value is null ? Null : new(MetricValueKind.String, 0, false, value);

    /// <summary>Gets the number, if this is a number.</summary>
    public bool TryGetNumber(out double value)
    {
        value = _number;
        return Kind == MetricValueKind.Number;
    }

    /// <summary>Gets the boolean, if this is a boolean.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = _boolean;
        return Kind == MetricValueKind.Boolean;
    }

    /// <summary>Gets the string, if this is a string.</summary>
    public bool TryGetString([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = _string;
        return Kind == MetricValueKind.String;
    }

    /// <summary>The number, or null if this is not a number.</summary>
    public double? AsNumber() => Kind == MetricValueKind.Number ? _number : null;

    /// <summary>The boolean, or null if this is not a boolean.</summary>
    public bool? AsBoolean() => Kind == MetricValueKind.Boolean ? _boolean : null;

    /// <summary>The string, or null if this is not a string.</summary>
    public string? AsString() => Kind == MetricValueKind.String ? _string : null;

    /// <summary>Reads the <c>value</c> of a metric evaluation result as deserialized by the generated client.</summary>
    /// <exception cref="FormatException">The value is an array or object, which the API does not send for a metric.</exception>
    public static AmigoMetricValue FromJsonValue(object? value) => value switch
    {
        null => Null,
        bool b => FromBoolean(b),
        string s => FromString(s),
        long l => FromNumber(l),
        int i => FromNumber(i),
        double d => FromNumber(d),
        float f => FromNumber(f),
        decimal m => FromNumber((double)m),
        System.Numerics.BigInteger big => FromNumber((double)big),
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => Null,
        JValue jv => FromJsonValue(jv.Value),
        JToken token => throw new FormatException($"A metric value must be a number, a boolean, a string or null, but was a JSON {token.Type.ToString().ToLowerInvariant()}."),
        _ => throw new FormatException($"A metric value must be a number, a boolean, a string or null, but was {value.GetType().Name}."),
    };

    /// <inheritdoc />
    public bool Equals(AmigoMetricValue other) => Kind == other.Kind && Kind switch
    {
        MetricValueKind.Number => _number.Equals(other._number),
        MetricValueKind.Boolean => _boolean == other._boolean,
        MetricValueKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
        _ => true,
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AmigoMetricValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        MetricValueKind.Number => HashCode.Combine(Kind, _number),
        MetricValueKind.Boolean => HashCode.Combine(Kind, _boolean),
        MetricValueKind.String => HashCode.Combine(Kind, _string),
        _ => 0,
    };

    /// <summary>Whether both values are of the same kind and equal.</summary>
    public static bool operator ==(AmigoMetricValue left, AmigoMetricValue right) => left.Equals(right);

    /// <summary>Whether the values differ.</summary>
    public static bool operator !=(AmigoMetricValue left, AmigoMetricValue right) => !left.Equals(right);

    /// <summary>The value as JSON would show it: <c>4.5</c>, <c>true</c>, the string, or <c>null</c>.</summary>
    public override string ToString() => Kind switch
    {
        MetricValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        MetricValueKind.Boolean => _boolean ? "true" : "false",
        MetricValueKind.String => _string!,
        _ => "null",
    };
}
