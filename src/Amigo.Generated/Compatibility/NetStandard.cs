#if NETSTANDARD2_0
namespace Amigo.Generated.Compatibility;

/// <summary>
/// netstandard2.0: the newer BCL members the generated code calls that no Microsoft.Bcl.* package brings, under the
/// newer runtime's names so the generator writes the same code for every framework. Internal, and never compiled for
/// net8.0 or net10.0, where the runtime has them.
/// </summary>
internal static class NetStandardCompatibility
{
    extension(string text)
    {
        /// <summary>.NET Core 2.0's <c>string.StartsWith(char)</c>.</summary>
        public bool StartsWith(char value) => text.Length > 0 && text[0] == value;
    }
}
#endif
