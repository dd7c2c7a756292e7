using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Amigo;

/// <summary>
/// The checks the generated resource methods run before anything is sent, one per kind of spec constraint
/// (<c>pattern</c>, <c>minLength</c>/<c>maxLength</c>, <c>minimum</c>/<c>maximum</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>uniqueItems</c>, enums, required). Each throws an <see cref="ArgumentException"/> naming the parameter.
/// </summary>
internal static class AmigoArguments
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    public static void Required(object? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"{name} is required.");
        }
    }

    public static void Pattern(string? value, string name, string pattern)
    {
        if (value is not null && !Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(value))
        {
            throw new ArgumentException($"{name} must match the pattern {pattern}, but was {Quote(value)}.", name);
        }
    }

    public static void Pattern(IEnumerable<string>? values, string name, string pattern) =>
        Each(values, name, (value, itemName) => Pattern(value, itemName, pattern));

    public static void Length(string? value, string name, int? min, int? max)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length < min || value.Length > max)
        {
            throw new ArgumentException($"{name} must be {Bounds(min, max)} characters long, but has {value.Length}.", name);
        }
    }

    public static void Length(IEnumerable<string>? values, string name, int? min, int? max) =>
        Each(values, name, (value, itemName) => Length(value, itemName, min, max));

    public static void Range(double? value, string name, double? min, bool exclusiveMin, double? max, bool exclusiveMax)
    {
        if (value is not { } v)
        {
            return;
        }

        var below = min is { } lo && (exclusiveMin ? v <= lo : v < lo);
        var above = max is { } hi && (exclusiveMax ? v >= hi : v > hi);
        if (below || above)
        {
            var lower = min is null ? null : (exclusiveMin ? "greater than " : "at least ") + min.Value.ToString(CultureInfo.InvariantCulture);
            var upper = max is null ? null : (exclusiveMax ? "less than " : "at most ") + max.Value.ToString(CultureInfo.InvariantCulture);
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {string.Join(" and ", new[] { lower, upper }.Where(s => s is not null))}.");
        }
    }

    public static void Items<T>(IEnumerable<T>? values, string name, int? min, int? max, bool unique)
    {
        if (values is null)
        {
            return;
        }

        var list = values as IReadOnlyCollection<T> ?? values.ToList();
        if (list.Count < min || list.Count > max)
        {
            throw new ArgumentException($"{name} must hold {Bounds(min, max)} items, but holds {list.Count}.", name);
        }

        if (unique && list.Distinct().Count() != list.Count)
        {
            throw new ArgumentException($"{name} must not hold the same item twice.", name);
        }
    }

    public static void Defined<TEnum>(TEnum? value, string name)
        where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            throw new ArgumentException($"{name} is {v}, which is not a {typeof(TEnum).Name}.", name);
        }
    }

    public static void Defined<TEnum>(IEnumerable<TEnum>? values, string name)
        where TEnum : struct, Enum =>
        Each(values, name, (value, itemName) => Defined<TEnum>(value, itemName));

    public static void OneOf(string? value, string name, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{name} must be one of {string.Join(", ", allowed)}, but was {Quote(value)}.", name);
        }
    }

    /// <summary>Checks a request body against the constraints its generated type declares (required members, lengths, ranges, patterns).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026",
        Justification = "Every request body is a generated DTO, and the generated AmigoTrimmingRoots keeps all of their members and attributes, which is all the validator reads.")]
    public static void Body(object? body, string name, bool required)
    {
        if (body is null)
        {
            if (required)
            {
                throw new ArgumentNullException(name, $"{name} is required.");
            }

            return;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(body, new ValidationContext(body), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault();
            var paramName = member is null ? name : $"{name}.{member}";
            throw new ArgumentException($"{paramName}: {first.ErrorMessage}", paramName);
        }
    }

    private static void Each<T>(IEnumerable<T>? values, string name, Action<T, string> check)
    {
        if (values is null)
        {
            return;
        }

        var index = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                throw new ArgumentNullException($"{name}[{index}]", $"{name}[{index}] must not be null.");
            }

            check(value, $"{name}[{index}]");
            index++;
        }
    }

    private static string Bounds(int? min, int? max) => (min, max) switch
    {
        ({ } lo, { } hi) when lo == hi => $"exactly {lo}",
        ({ } lo, { } hi) => $"{lo} to {hi}",
        ({ } lo, null) => $"at least {lo}",
        (null, { } hi) => $"at most {hi}",
        _ => "any number of",
    };

    private static string Quote(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}…' ({value.Length} characters)";
}
