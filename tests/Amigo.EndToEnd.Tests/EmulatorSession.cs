using Amigo.Emulator;

namespace Amigo.EndToEnd.Tests;

/// <summary>An emulator on 127.0.0.1 and an SDK client signed in to it with the demo API key.</summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    private EmulatorSession(AmigoEmulator emulator, AmigoClient client)
    {
        Emulator = emulator;
        Client = client;
    }

    public AmigoEmulator Emulator { get; }

    public AmigoClient Client { get; }

    public static string ServiceId => AmigoEmulatorOptions.DemoServiceId;

    public static async Task<EmulatorSession> StartAsync(AmigoEmulatorOptions? emulatorOptions = null, Action<AmigoClientOptions>? configure = null)
    {
        var emulator = await AmigoEmulator.StartAsync(emulatorOptions);
        return new EmulatorSession(emulator, CreateClient(emulator, AmigoEmulatorOptions.DemoUserId, configure));
    }

    /// <summary>
    /// A client for <paramref name="userId"/>, signing in with the demo API key. It decodes strictly, so that any
    /// drift between the emulator (our reading of the spec) and the generated client fails these tests.
    /// </summary>
    public static AmigoClient CreateClient(AmigoEmulator emulator, string userId, Action<AmigoClientOptions>? configure = null)
    {
        var options = new AmigoClientOptions
        {
            OrganizationId = emulator.OrganizationId,
            BaseUrl = emulator.BaseUrl,
            Credential = AmigoCredential.FromApiKey(AmigoEmulatorOptions.DemoApiKey, AmigoEmulatorOptions.DemoApiKeyId, userId),
            StrictDecoding = true,
        };
        configure?.Invoke(options);
        return new AmigoClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
