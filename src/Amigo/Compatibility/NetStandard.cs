#if !NET5_0_OR_GREATER
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Amigo.Compatibility;

/// <summary>netstandard2.0: .NET 5's comparer by reference identity.</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
{
    public static ReferenceEqualityComparer Instance { get; } = new();

    private ReferenceEqualityComparer()
    {
    }

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object? obj) => RuntimeHelpers.GetHashCode(obj!);
}

/// <summary>netstandard2.0: the newer members the client uses that no polyfill package brings.</summary>
internal static class NetStandardCompatibility
{
    extension(double)
    {
        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }

    extension(Array)
    {
        /// <summary>The largest array length the runtime allows (.NET 6's <c>Array.MaxLength</c>).</summary>
        public static int MaxLength => 0x7FFFFFC7;
    }

    extension(ValueTask)
    {
        public static ValueTask<TResult> FromResult<TResult>(TResult result) => new(result);
    }

    extension(Task)
    {
        public static Task Delay(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken) =>
            timeProvider.Delay(delay, cancellationToken);
    }

    extension<TKey, TValue>(ConditionalWeakTable<TKey, TValue> table)
        where TKey : class
        where TValue : class
    {
        public void AddOrUpdate(TKey key, TValue value)
        {
            lock (table)
            {
                table.Remove(key);
                table.Add(key, value);
            }
        }
    }

    extension(HttpHeaders headers)
    {
        /// <summary>netstandard2.0 has no unvalidated view: the headers themselves, read through the same members.</summary>
        public HttpHeaders NonValidated => headers;
    }

    extension(IncrementalHash hash)
    {
        public void AppendData(ReadOnlySpan<byte> data) => hash.AppendData(data.ToArray());

        public int GetHashAndReset(Span<byte> destination)
        {
            var result = hash.GetHashAndReset();
            result.CopyTo(destination);
            return result.Length;
        }
    }
}
#endif
