namespace Amigo;

/// <summary>The Amigo API deployments listed by the spec. Each is served at <c>https://&lt;name&gt;.amigo.ai</c>.</summary>
public enum AmigoRegion
{
    /// <summary><c>https://api.amigo.ai</c>, the default.</summary>
    Default,

    /// <summary><c>https://api-eu-central-1.amigo.ai</c>.</summary>
    EuCentral1,

    /// <summary><c>https://api-ap-southeast-2.amigo.ai</c>.</summary>
    ApSoutheast2,

    /// <summary><c>https://api-ca-central-1.amigo.ai</c>.</summary>
    CaCentral1,

    /// <summary><c>https://internal-api.amigo.ai</c>.</summary>
    Internal,
}

/// <summary>Maps <see cref="AmigoRegion"/> values to their base URLs.</summary>
public static class AmigoRegions
{
    /// <summary>The base URL of <paramref name="region"/>, for example <c>https://api-eu-central-1.amigo.ai/</c>.</summary>
    public static Uri GetBaseUrl(AmigoRegion region) => region switch
    {
        AmigoRegion.Default => new Uri("https://api.amigo.ai/"),
        AmigoRegion.EuCentral1 => new Uri("https://api-eu-central-1.amigo.ai/"),
        AmigoRegion.ApSoutheast2 => new Uri("https://api-ap-southeast-2.amigo.ai/"),
        AmigoRegion.CaCentral1 => new Uri("https://api-ca-central-1.amigo.ai/"),
        AmigoRegion.Internal => new Uri("https://internal-api.amigo.ai/"),
        _ => throw new AmigoConfigurationException(nameof(AmigoClientOptions.Region), $"AmigoClientOptions.Region has an unknown value ({(int)region})."),
    };
}
