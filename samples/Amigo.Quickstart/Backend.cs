using Amigo.Emulator;

namespace Amigo.Quickstart;

/// <summary>
/// Where the quickstart's conversation happens: the real API when AMIGO_* is set; a server at <c>--base-url</c> that
/// accepts the emulator's demo credentials (a standalone emulator, for instance); otherwise an in-process emulator.
/// <c>--strict</c> turns on <see cref="AmigoClientOptions.StrictDecoding"/>. Published trimmed or NativeAOT, it has
/// no in-process emulator (see the project file), so one of the other two is needed. The service to talk to is
/// AMIGO_SERVICE_ID when set; otherwise <see cref="ServiceId"/> is null and the quickstart lists the services.
/// </summary>
internal sealed class Backend : IAsyncDisposable
{
    private readonly IAsyncDisposable? _emulator;

    private Backend(AmigoClientOptions options, string? serviceId, string description, IAsyncDisposable? emulator)
    {
        Options = options;
        ServiceId = serviceId;
        Description = description;
        _emulator = emulator;
    }

    public AmigoClientOptions Options { get; }

    /// <summary>AMIGO_SERVICE_ID, or null: the quickstart then picks the first active service it lists.</summary>
    public string? ServiceId { get; }

    public string Description { get; }

    public static async Task<Backend> StartAsync(string[] args, CancellationToken cancellationToken)
    {
        var (baseUrl, strict) = ParseArguments(args);
        var backend = await CreateAsync(baseUrl, cancellationToken);
        backend.Options.StrictDecoding = strict;
        return backend;
    }

    private static async Task<Backend> CreateAsync(Uri? baseUrl, CancellationToken cancellationToken)
    {
        var serviceId = Environment.GetEnvironmentVariable("AMIGO_SERVICE_ID") is { } id && !string.IsNullOrWhiteSpace(id) ? id : null;
        if (Environment.GetEnvironmentVariable("AMIGO_API_KEY") is { Length: > 0 })
        {
            var options = AmigoClientOptions.FromEnvironment();
            options.BaseUrl = baseUrl ?? options.BaseUrl;
            return new Backend(options, serviceId, $"the Amigo API at {options.BaseUrl}", null);
        }

        if (baseUrl is not null)
            return new Backend(DemoOptions(AmigoEmulatorOptions.DemoOrganizationId, baseUrl), serviceId, $"the server at {baseUrl} (demo credentials)", null);

#if IN_PROCESS_EMULATOR
        var emulator = await AmigoEmulator.StartAsync(new AmigoEmulatorOptions { EventDelay = TimeSpan.FromMilliseconds(40) }, cancellationToken);
        return new Backend(DemoOptions(emulator.OrganizationId, emulator.BaseUrl), serviceId,
            $"local emulator at {emulator.BaseUrl} (set AMIGO_* to use the real API)", emulator);
#else
        return await Task.FromException<Backend>(new ArgumentException(
            "This build (trimmed or NativeAOT) has no in-process emulator. Start one " +
            "(dotnet run --project src/Amigo.Emulator.Tool -- --port 5080) and pass --base-url http://127.0.0.1:5080/, or set AMIGO_*."));
#endif
    }

    private static AmigoClientOptions DemoOptions(string organizationId, Uri baseUrl) => new()
    {
        OrganizationId = organizationId,
        BaseUrl = baseUrl,
        Credential = AmigoCredential.FromApiKey(AmigoEmulatorOptions.DemoApiKey, AmigoEmulatorOptions.DemoApiKeyId, AmigoEmulatorOptions.DemoUserId),
    };

    private static (Uri? BaseUrl, bool Strict) ParseArguments(string[] args)
    {
        Uri? baseUrl = null;
        var strict = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--strict":
                    strict = true;
                    break;
                case "--base-url" when i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var url):
                    baseUrl = url;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--base-url <url>] [--strict]");
            }
        }

        return (baseUrl, strict);
    }

    public ValueTask DisposeAsync() => _emulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
