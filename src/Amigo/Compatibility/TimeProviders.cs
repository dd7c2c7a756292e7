#if NET8_0_OR_GREATER
namespace Amigo.Compatibility;

/// <summary>
/// The call the client makes everywhere to get a timer-driven token source: Microsoft.Bcl.TimeProvider's extension on
/// netstandard2.0, the .NET 8 constructor here.
/// </summary>
internal static class TimeProviderCompatibility
{
    public static CancellationTokenSource CreateCancellationTokenSource(this TimeProvider timeProvider, TimeSpan delay) =>
        new(delay, timeProvider);
}
#endif
