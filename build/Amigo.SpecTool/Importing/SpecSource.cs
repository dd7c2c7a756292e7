namespace Amigo.SpecTool.Importing;

/// <summary>Reads a published spec from a file or an https URL.</summary>
public static class SpecSource
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<string> ReadAsync(string source, CancellationToken cancellationToken = default)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
                throw new SpecToolException($"'{source}': only https URLs are read.");
            try
            {
                return await Http.GetStringAsync(uri, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new SpecToolException($"'{source}' could not be downloaded: {e.Message}");
            }
        }
        if (!File.Exists(source))
            throw new SpecToolException($"The spec '{source}' does not exist.");
        return await File.ReadAllTextAsync(source, cancellationToken);
    }
}
