using Amigo.Emulator;

namespace Amigo.Quickstart;

/// <summary>Where the quickstart's conversation happens: the real API when AMIGO_* is set, otherwise the emulator.</summary>
internal sealed class Backend : IAsyncDisposable
{
    private readonly AmigoEmulator? _emulator;

    private Backend(AmigoClientOptions options, string serviceId, string description, AmigoEmulator? emulator)
    {
        Options = options;
        ServiceId = serviceId;
        Description = description;
        _emulator = emulator;
    }

    public AmigoClientOptions Options { get; }

    public string ServiceId { get; }

    public string Description { get; }

    public static async Task<Backend> StartAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("AMIGO_API_KEY") is { Length: > 0 })
        {
            var serviceId = Environment.GetEnvironmentVariable("AMIGO_SERVICE_ID");
            if (string.IsNullOrWhiteSpace(serviceId))
                throw new ArgumentException("AMIGO_SERVICE_ID is not set: name the service (its 24-hex id) to talk to.");
            var options = AmigoClientOptions.FromEnvironment();
            return new Backend(options, serviceId, $"the Amigo API at {options.BaseUrl}", null);
        }

        var emulator = await AmigoEmulator.StartAsync(new AmigoEmulatorOptions { EventDelay = TimeSpan.FromMilliseconds(40) }, cancellationToken);
        var emulated = new AmigoClientOptions
        {
            OrganizationId = emulator.OrganizationId,
            BaseUrl = emulator.BaseUrl,
            Credential = AmigoCredential.FromApiKey(AmigoEmulatorOptions.DemoApiKey, AmigoEmulatorOptions.DemoApiKeyId, AmigoEmulatorOptions.DemoUserId),
        };
        return new Backend(emulated, AmigoEmulatorOptions.DemoServiceId, $"local emulator at {emulator.BaseUrl} (set AMIGO_* to use the real API)", emulator);
    }

    public ValueTask DisposeAsync() => _emulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
