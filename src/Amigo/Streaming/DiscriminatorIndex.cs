using System.Reflection;
using System.Text;
using JsonSubTypes;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Amigo.Streaming;

/// <summary>
/// Maps the discriminator of a JsonSubTypes union (for example <c>"type":"new-message"</c>) straight to the
/// subtype's contract, so a line whose first property is the discriminator can be populated directly instead of
/// through JsonSubTypes, which loads every value into a JObject first. Anything else (the discriminator elsewhere,
/// escaped, or unknown) is left to the union's own converter, which also supplies the "unknown" fallback.
/// </summary>
internal sealed class DiscriminatorIndex
{
    private readonly byte[] _property;
    private readonly (byte[] Value, JsonObjectContract Contract)[] _subtypes;

    private DiscriminatorIndex(byte[] property, (byte[], JsonObjectContract)[] subtypes)
    {
        _property = property;
        _subtypes = subtypes;
    }

    /// <summary>
    /// Builds the index for <paramref name="unionType"/>, or returns <see langword="null"/> when the type is not a
    /// JsonSubTypes union keyed by a property, or a subtype cannot be created directly.
    /// </summary>
    public static DiscriminatorIndex? For(Type unionType, JsonSerializer serializer)
    {
        var converter = unionType.GetCustomAttribute<JsonConverterAttribute>(inherit: false);
        if (converter?.ConverterType != typeof(JsonSubtypes)
            || converter.ConverterParameters is not [string property])
        {
            return null;
        }

        var subtypes = new List<(byte[], JsonObjectContract)>();
        foreach (var known in unionType.GetCustomAttributes<JsonSubtypes.KnownSubTypeAttribute>(inherit: false))
        {
            if (known.AssociatedValue is not string value
                || serializer.ContractResolver.ResolveContract(known.SubType) is not JsonObjectContract { DefaultCreator: not null } contract
                || contract.Converter is not null && contract.Converter is not JsonSubtypes)
            {
                return null;
            }
            subtypes.Add((Encoding.UTF8.GetBytes(value), contract));
        }
        return subtypes.Count == 0 ? null : new DiscriminatorIndex(Encoding.UTF8.GetBytes(property), [.. subtypes]);
    }

    /// <summary>
    /// Finds the subtype when <paramref name="line"/> starts with the discriminator property and a plain string
    /// value (whitespace allowed, no escapes) naming a known subtype.
    /// </summary>
    public JsonObjectContract? Match(ReadOnlySpan<byte> line)
    {
        int i = SkipWhiteSpace(line, 0);
        if (i >= line.Length || line[i] != (byte)'{')
        {
            return null;
        }
        i = SkipWhiteSpace(line, i + 1);
        if (!TryReadPlainString(line, ref i, out var name) || !name.SequenceEqual(_property))
        {
            return null;
        }
        i = SkipWhiteSpace(line, i);
        if (i >= line.Length || line[i] != (byte)':')
        {
            return null;
        }
        i = SkipWhiteSpace(line, i + 1);
        if (!TryReadPlainString(line, ref i, out var value))
        {
            return null;
        }
        foreach (var (known, contract) in _subtypes)
        {
            if (value.SequenceEqual(known))
            {
                return contract;
            }
        }
        return null;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i;
    }

    private static bool TryReadPlainString(ReadOnlySpan<byte> line, ref int i, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (i >= line.Length || line[i] != (byte)'"')
        {
            return false;
        }
        var rest = line[(i + 1)..];
        int end = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || rest[end] != (byte)'"')
        {
            return false;
        }
        value = rest[..end];
        i += end + 2;
        return true;
    }
}
