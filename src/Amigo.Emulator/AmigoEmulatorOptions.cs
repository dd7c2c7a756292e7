namespace Amigo.Emulator;

/// <summary>How an <see cref="AmigoEmulator"/> is configured. The defaults give one organization, one user, one API
/// key and one service (the <c>Demo*</c> constants), a one-hour token lifetime and the <see cref="EchoAgent"/>.</summary>
public sealed class AmigoEmulatorOptions
{
    /// <summary>The default organization id.</summary>
    public const string DemoOrganizationId = "emulator-org";

    /// <summary>The default user id.</summary>
    public const string DemoUserId = "6650a1b2c3d4e5f6a7b8c9d0";

    /// <summary>The default API key id.</summary>
    public const string DemoApiKeyId = "emulator-key-id";

    /// <summary>The default API key.</summary>
    public const string DemoApiKey = "emulator-api-key";

    /// <summary>The default service id.</summary>
    public const string DemoServiceId = "6650a1b2c3d4e5f6a7b8c9d1";

    /// <summary>The organization the emulator serves; requests to any other answer 404.</summary>
    public string OrganizationId { get; set; } = DemoOrganizationId;

    /// <summary>The TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>API keys accepted by <c>sign-in-with-api-key</c>.</summary>
    public IList<EmulatorApiKey> ApiKeys { get; } = [new(DemoApiKeyId, DemoApiKey)];

    /// <summary>Users who can sign in.</summary>
    public IList<EmulatorUser> Users { get; } = [new(DemoUserId, "Demo User")];

    /// <summary>Services conversations can be created in.</summary>
    public IList<EmulatorService> Services { get; } = [new(DemoServiceId, "Emulated Concierge", "release", "edge")];

    /// <summary>How long issued tokens stay valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The agent that replies in conversations.</summary>
    public IEmulatorAgent Agent { get; set; } = new EchoAgent();

    /// <summary>Pause between two stream events (zero by default: events go out as fast as possible).</summary>
    public TimeSpan EventDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The clock for timestamps and token expiry; replace it to move time in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Turns an uploaded voice message into the text the agent hears; null describes the audio
    /// (for example <c>[voice message: 1.50 s of pcm audio]</c>).</summary>
    public Func<RecordedAudio, string>? Transcriber { get; set; }

    /// <summary>How many of the latest requests <see cref="AmigoEmulator.Requests"/> keeps (10,000 by default).</summary>
    public int MaxRecordedRequests { get; set; } = 10_000;

    /// <summary>Writes Kestrel's and the emulator's logs to the console (the standalone host turns this on).</summary>
    public bool ConsoleLogging { get; set; }

    /// <summary>How webhooks are delivered: retry delays, attempt timeout, post-processing steps, secret rotation.</summary>
    public EmulatorWebhookOptions Webhooks { get; } = new();
}

/// <summary>An API key accepted by <c>sign-in-with-api-key</c>.</summary>
/// <param name="Id">The key id (the <c>x-api-key-id</c> header).</param>
/// <param name="Key">The key (the <c>x-api-key</c> header).</param>
public sealed record EmulatorApiKey(string Id, string Key)
{
    /// <summary>Keeps the key out of logs and test output.</summary>
    /// <returns>The key id only.</returns>
    public override string ToString() => $"EmulatorApiKey {{ Id = {Id}, Key = *** }}";
}

/// <summary>A user of the organization.</summary>
/// <param name="Id">The user id (24 hex characters).</param>
/// <param name="Name">The display name, used as the sender of the user's messages.</param>
public sealed record EmulatorUser(string Id, string Name);

/// <summary>A service conversations run in.</summary>
public sealed record EmulatorService
{
    /// <summary>A service.</summary>
    /// <param name="id">The service id (24 hex characters).</param>
    /// <param name="name">The service name (also the agent's display name).</param>
    /// <param name="versionSets">Its version set names; <c>release</c> when none are given.</param>
    public EmulatorService(string id, string name, params string[] versionSets)
    {
        Id = id;
        Name = name;
        VersionSets = versionSets.Length == 0 ? ["release"] : versionSets;
    }

    /// <summary>The service id.</summary>
    public string Id { get; }

    /// <summary>The service name.</summary>
    public string Name { get; }

    /// <summary>The version set names.</summary>
    public IReadOnlyList<string> VersionSets { get; }
}

/// <summary>A voice message as uploaded by a client.</summary>
/// <param name="Bytes">The uploaded bytes.</param>
/// <param name="Format"><c>pcm</c> or <c>mp3</c>.</param>
/// <param name="FrameRate">PCM frame rate, or null for mp3.</param>
/// <param name="SampleWidth">PCM sample width in bytes, or null for mp3.</param>
public sealed record RecordedAudio(byte[] Bytes, string Format, int? FrameRate, int? SampleWidth);
