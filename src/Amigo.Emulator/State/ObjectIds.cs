using System.Security.Cryptography;

namespace Amigo.Emulator.State;

/// <summary>Creates 24-hex identifiers shaped like MongoDB ObjectIds, increasing in creation order.</summary>
internal static class ObjectIds
{
    private static readonly string ProcessPart = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
    private static int _counter = RandomNumberGenerator.GetInt32(0, 0x100000);

    public static string New(DateTimeOffset now)
    {
        var seconds = (uint)Math.Max(0, now.ToUnixTimeSeconds());
        var counter = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        return seconds.ToString("x8") + ProcessPart + counter.ToString("x6");
    }

    public static bool IsValid(string? value) =>
        value is { Length: 24 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
