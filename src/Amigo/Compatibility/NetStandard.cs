#if !NET5_0_OR_GREATER
using System.Collections.ObjectModel;
using System.Diagnostics;
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

/// <summary>netstandard2.0: the newer members the client uses that no package brings (see README.md).</summary>
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

    extension(Math)
    {
        public static double Clamp(double value, double min, double max)
        {
            if (min > max)
            {
                throw new ArgumentException($"'{min}' cannot be greater than {max}.");
            }

            return value < min ? min : value > max ? max : value;
        }
    }

    extension(Enum)
    {
        public static bool IsDefined<TEnum>(TEnum value)
            where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);
    }

    extension(Stopwatch)
    {
        public static TimeSpan GetElapsedTime(long startingTimestamp) =>
            new((long)((Stopwatch.GetTimestamp() - startingTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }

    extension(Random)
    {
        /// <summary>.NET 6's thread-safe shared instance (a locked one here: it is handed out as a delegate, so one
        /// per thread would not do).</summary>
        public static Random Shared => LockedRandom.Instance;
    }

    extension(ValueTask)
    {
        public static ValueTask CompletedTask => default;
    }

    extension(Task task)
    {
        /// <summary>.NET 6's <c>Task.WaitAsync(CancellationToken)</c>: stops waiting (not the task) when cancelled.</summary>
        public Task WaitAsync(CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return task;
            }

            return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : WaitCoreAsync(task, cancellationToken);
        }
    }

    extension<TResult>(Task<TResult> task)
    {
        /// <summary>.NET 6's <c>Task&lt;TResult&gt;.WaitAsync(CancellationToken)</c>.</summary>
        public Task<TResult> WaitAsync(CancellationToken cancellationToken) =>
            task.IsCompleted || !cancellationToken.CanBeCanceled ? task : WaitForResultAsync(task, cancellationToken);
    }

    extension<TKey, TValue>(KeyValuePair<TKey, TValue> pair)
    {
        public void Deconstruct(out TKey key, out TValue value)
        {
            key = pair.Key;
            value = pair.Value;
        }
    }

    extension<TKey, TValue>(Dictionary<TKey, TValue> dictionary)
        where TKey : notnull
    {
        public bool TryAdd(TKey key, TValue value)
        {
            if (dictionary.ContainsKey(key))
            {
                return false;
            }

            dictionary.Add(key, value);
            return true;
        }
    }

    extension<T>(IList<T> list)
    {
        /// <summary>.NET 8's <c>CollectionExtensions.AsReadOnly</c>: a read-only view, not a copy.</summary>
        public ReadOnlyCollection<T> AsReadOnly() => new(list);
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

    private static async Task WaitCoreAsync(Task task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        await task.ConfigureAwait(false);
    }

    private static async Task<TResult> WaitForResultAsync<TResult>(Task<TResult> task, CancellationToken cancellationToken)
    {
        await ((Task)task).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    private sealed class LockedRandom : Random
    {
        public static readonly LockedRandom Instance = new();

        private readonly object _gate = new();

        public override int Next()
        {
            lock (_gate) return base.Next();
        }

        public override int Next(int maxValue)
        {
            lock (_gate) return base.Next(maxValue);
        }

        public override int Next(int minValue, int maxValue)
        {
            lock (_gate) return base.Next(minValue, maxValue);
        }

        public override double NextDouble()
        {
            lock (_gate) return base.NextDouble();
        }

        public override void NextBytes(byte[] buffer)
        {
            lock (_gate) base.NextBytes(buffer);
        }
    }
}

/// <summary>netstandard2.0: .NET Core 2.1's constant-time comparison, the same algorithm.</summary>
internal static class CryptographicOperations
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        var accumulator = 0;
        for (var i = 0; i < left.Length; i++)
        {
            accumulator |= left[i] - right[i];
        }

        return accumulator == 0;
    }
}
#endif
