using System.Net;
using Amigo.Emulator.Http;
using Amigo.Emulator.Operations;
using Amigo.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator;

/// <summary>
/// An in-memory Amigo API on Kestrel, bound to 127.0.0.1. It serves every operation of the merged spec with the
/// spec's wire format: conversations, dynamic behavior sets, metrics, services, users, the organization, agents,
/// API keys, roles and webhook destinations from in-memory state, every other operation with a response synthesized
/// from the spec. It validates requests like the real API (422 with FastAPI's error shape), streams scripted agent
/// replies, and injects faults on demand.
/// <code>
/// await using var emulator = await AmigoEmulator.StartAsync();
/// var baseUrl = emulator.BaseUrl; // http://127.0.0.1:port/
/// </code>
/// </summary>
public sealed class AmigoEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorRuntime _runtime;
    private int _disposed;

    private AmigoEmulator(WebApplication app, EmulatorRuntime runtime, Uri baseUrl)
    {
        _app = app;
        _runtime = runtime;
        BaseUrl = baseUrl;
    }

    /// <summary>The root URL of the emulator, for example <c>http://127.0.0.1:50123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The options it was started with.</summary>
    public AmigoEmulatorOptions Options => _runtime.Options;

    /// <summary>The organization id it serves.</summary>
    public string OrganizationId => _runtime.Store.OrganizationId;

    /// <summary>Fault injection: register faults per operation and/or call number, and for webhook deliveries.</summary>
    public FaultInjector Faults => _runtime.Faults;

    /// <summary>Webhook destinations and deliveries: register a destination here, finish a conversation, and the
    /// emulator POSTs signed <c>conversation-post-processing-complete</c> events to it.</summary>
    public EmulatorWebhooks Webhooks => _runtime.Webhooks;

    /// <summary>The requests received so far (credentials redacted), oldest first, up to
    /// <see cref="AmigoEmulatorOptions.MaxRecordedRequests"/>.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _runtime.Requests();

    /// <summary>How many NDJSON streams are being written right now.</summary>
    public int ActiveStreams => _runtime.ActiveStreams;

    /// <summary>TCP connections open right now.</summary>
    public int OpenConnections => _runtime.OpenConnections;

    /// <summary>TCP connections accepted since the emulator started (reused keep-alive connections count once).</summary>
    public int TotalConnections => _runtime.TotalConnections;

    /// <summary>Completes when no NDJSON stream is being written, at once if none is: await it after cancelling
    /// streams to know the server has let go of them.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when <see cref="ActiveStreams"/> is zero.</returns>
    public Task WhenStreamsIdleAsync(CancellationToken cancellationToken = default) =>
        _runtime.StreamsIdle.WaitAsync(cancellationToken);

    /// <summary>Starts an emulator. Dispose it to stop.</summary>
    /// <param name="options">The configuration; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<AmigoEmulator> StartAsync(AmigoEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AmigoEmulatorOptions();
        var store = new EmulatorStore(options.OrganizationId, options.TimeProvider);
        var runtime = new EmulatorRuntime(options, store, new FaultInjector());
        foreach (var user in options.Users)
        {
            AddUser(store, user);
        }

        foreach (var key in options.ApiKeys)
        {
            store.ApiKeys[key.Id] = key.Key;
        }

        foreach (var service in options.Services)
        {
            AddService(store, service);
        }

        // The empty builder reads no appsettings.json or environment configuration, so a host project's Kestrel
        // settings can never add endpoints to (or otherwise change) the emulator.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Use(next => async connection =>
            {
                runtime.ConnectionOpened();
                try
                {
                    await next(connection).ConfigureAwait(false);
                }
                finally
                {
                    runtime.ConnectionClosed();
                }
            }));
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var pipeline = new Pipeline(runtime, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Amigo.Emulator"));
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/");
        runtime.BaseUrl = baseUrl;
        return new AmigoEmulator(app, runtime, baseUrl);
    }

    /// <summary>Issues a token directly, without calling sign-in (the user must exist).</summary>
    /// <param name="userId">The user; the first configured user when null.</param>
    /// <param name="lifetime">The token lifetime; <see cref="AmigoEmulatorOptions.TokenLifetime"/> when null.</param>
    /// <returns>The token and when it expires.</returns>
    public (string Token, DateTimeOffset ExpiresAt) IssueToken(string? userId = null, TimeSpan? lifetime = null)
    {
        userId ??= Options.Users.FirstOrDefault()?.Id ?? throw new InvalidOperationException("No users are configured.");
        lock (_runtime.Store.Gate)
        {
            if (!_runtime.Store.Users.ContainsKey(userId))
            {
                throw new ArgumentException($"Unknown user '{userId}'. Add it with AddUser first.", nameof(userId));
            }
        }

        return Tokens.Issue(_runtime.Store, userId, lifetime ?? Options.TokenLifetime);
    }

    /// <summary>Makes every token issued so far expired: the next call with one answers 401.</summary>
    public void ExpireAllTokens()
    {
        var store = _runtime.Store;
        lock (store.Gate)
        {
            foreach (var token in store.Tokens.Values)
            {
                token.ExpiresAt = store.Now;
            }
        }
    }

    /// <summary>Adds a user who can sign in.</summary>
    /// <param name="user">The user.</param>
    public void AddUser(EmulatorUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_runtime.Store.Gate)
        {
            AddUser(_runtime.Store, user);
        }
    }

    /// <summary>Adds an API key accepted by sign-in.</summary>
    /// <param name="apiKey">The key.</param>
    public void AddApiKey(EmulatorApiKey apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        lock (_runtime.Store.Gate)
        {
            _runtime.Store.ApiKeys[apiKey.Id] = apiKey.Key;
        }
    }

    /// <summary>Adds a service conversations can be created in.</summary>
    /// <param name="service">The service.</param>
    public void AddService(EmulatorService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_runtime.Store.Gate)
        {
            AddService(_runtime.Store, service);
        }
    }

    /// <summary>Sets the value <c>evaluate-metrics</c> returns for a metric (a number, bool, string, or null).</summary>
    /// <param name="metricId">The metric id.</param>
    /// <param name="value">The value.</param>
    public void SetMetricValue(string metricId, object? value)
    {
        lock (_runtime.Store.Gate)
        {
            _runtime.Store.MetricValues[metricId] = value is null ? JValue.CreateNull() : JToken.FromObject(value);
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> conversations with one interaction each (a user message and an agent reply),
    /// created one second apart, oldest first. Useful for paging tests.
    /// </summary>
    /// <param name="count">How many.</param>
    /// <param name="userId">The owner; the first configured user when null.</param>
    /// <param name="serviceId">The service; the first configured service when null.</param>
    /// <param name="finished">Whether they are finished (unfinished ones block creating a new conversation for
    /// the same user and service).</param>
    /// <param name="tags">Tags to put on each, or null.</param>
    /// <returns>Their ids, oldest first.</returns>
    public IReadOnlyList<string> SeedConversations(int count, string? userId = null, string? serviceId = null, bool finished = true,
        IReadOnlyDictionary<string, string?>? tags = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var store = _runtime.Store;
        userId ??= Options.Users.FirstOrDefault()?.Id ?? throw new InvalidOperationException("No users are configured.");
        var ids = new List<string>(count);
        lock (store.Gate)
        {
            var service = serviceId is null ? store.Services.Values.FirstOrDefault() : store.Services.GetValueOrDefault(serviceId);
            if (service is null)
            {
                throw new ArgumentException("Unknown service. Add it with AddService first.", nameof(serviceId));
            }

            var start = store.Now - TimeSpan.FromSeconds(count + 60);
            for (var i = 0; i < count; i++)
            {
                var at = start + TimeSpan.FromSeconds(i);
                var conversation = new ConversationRecord
                {
                    Id = ObjectIds.New(at),
                    Sequence = store.NextSequence(),
                    UserId = userId,
                    ServiceId = service.Id,
                    VersionSetName = service.VersionSets[0],
                    CreatedAt = at,
                    IsFinished = finished,
                    IsAnalyzed = finished,
                    Tags = tags is null ? [] : new Dictionary<string, string?>(tags, StringComparer.Ordinal),
                };
                var interactionId = ObjectIds.New(at);
                var agentMessageId = ObjectIds.New(at);
                conversation.Messages.Add(new MessageRecord
                {
                    Id = ObjectIds.New(at), Sequence = store.NextSequence(), InteractionId = interactionId, CreatedAt = at,
                    Sender = store.UserName(userId), Text = $"Seeded question #{i + 1}", Format = "text", MessageType = "user-message",
                });
                conversation.Messages.Add(new MessageRecord
                {
                    Id = agentMessageId, Sequence = store.NextSequence(), InteractionId = interactionId, CreatedAt = at,
                    Sender = service.Name, Text = $"Seeded answer #{i + 1}", Format = "text", MessageType = "agent-message",
                });
                conversation.Interactions.Add(new InteractionRecord
                {
                    Id = interactionId, CreatedAt = at, AgentMessageId = agentMessageId, StateName = "respond", Actions = [],
                });
                store.Conversations[conversation.Id] = conversation;
                ids.Add(conversation.Id);
            }
        }

        return ids;
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _runtime.ClearRequests();

    /// <summary>Stops the server: releases stalls, ends streams, and closes connections.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _runtime.Stop();
        await _runtime.Webhooks.StopAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
    }

    private static void AddUser(EmulatorStore store, EmulatorUser user) =>
        store.Users[user.Id] = new UserRecord { Id = user.Id, Name = user.Name };

    private static void AddService(EmulatorStore store, EmulatorService service) =>
        store.Services[service.Id] = new ServiceRecord
        {
            Id = service.Id,
            Name = service.Name,
            VersionSets = service.VersionSets,
            AgentId = ObjectIds.New(store.Now),
            StateMachineId = ObjectIds.New(store.Now),
        };
}
