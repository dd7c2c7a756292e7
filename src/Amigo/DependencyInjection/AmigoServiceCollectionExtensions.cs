using Amigo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="AmigoClient"/> with dependency injection: one default client, and any number of keyed ones.</summary>
/// <remarks>
/// Every registration has its own options (validated when the host starts), credential, JWT cache, rate limiters and
/// HttpClient. A keyed client, for example <c>AddAmigoClient("eu", ...)</c>, is resolved with
/// <c>[FromKeyedServices("eu")] AmigoClient client</c> or <c>GetRequiredKeyedService&lt;AmigoClient&gt;("eu")</c>; its
/// options are the named options <c>"eu"</c>.
/// </remarks>
public static class AmigoServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the SDK registers with IHttpClientFactory for the default client; a keyed client's is <c>Amigo:{key}</c>.</summary>
    public const string HttpClientName = "Amigo";

    private const string BindingIsReflection =
        "Binds AmigoClientOptions from configuration by reflection. In a trimmed or NativeAOT app, configure the options in code with the Action<AmigoClientOptions> overload.";

    /// <summary>
    /// Registers the default <see cref="AmigoClient"/> through IHttpClientFactory, configured by <paramref name="configure"/>.
    /// The JWT cache, rate limiters and options live in a singleton, so they survive handler recycling. The options are
    /// validated when the host starts (<c>ValidateOnStart</c>): a bad setting fails <c>StartAsync</c>, naming it.
    /// </summary>
    /// <returns>The builder of the underlying HttpClient, to add handlers or change the primary handler.</returns>
    /// <exception cref="InvalidOperationException">The default client is already registered: register further organizations as keyed clients.</exception>
    public static IHttpClientBuilder AddAmigoClient(this IServiceCollection services, Action<AmigoClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        RequireFirst(services, null);
        services.AddOptions<AmigoClientOptions>().Configure(configure);
        return AddCore(services, null);
    }

    /// <summary>
    /// Registers the default <see cref="AmigoClient"/> through IHttpClientFactory, binding <see cref="AmigoClientOptions"/>
    /// from <paramref name="configuration"/> (for example the "Amigo" section) and then applying <paramref name="configure"/>.
    /// </summary>
    /// <remarks>
    /// Binding reads the options' properties by reflection (ConfigurationBinder), which trimming and NativeAOT cannot
    /// check. In a trimmed or NativeAOT app, use the <see cref="AddAmigoClient(IServiceCollection, Action{AmigoClientOptions})"/>
    /// overload (or bind with the configuration-binding source generator in the app).
    /// </remarks>
    /// <returns>The builder of the underlying HttpClient.</returns>
    /// <exception cref="InvalidOperationException">The default client is already registered.</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(BindingIsReflection)]
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(BindingIsReflection)]
    public static IHttpClientBuilder AddAmigoClient(this IServiceCollection services, IConfiguration configuration, Action<AmigoClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        RequireFirst(services, null);
        var builder = services.AddOptions<AmigoClientOptions>().Bind(configuration);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services, null);
    }

    /// <summary>
    /// Registers a keyed <see cref="AmigoClient"/> (for example one per organization), resolved with
    /// <c>[FromKeyedServices(key)]</c>, with its own options (the named options <paramref name="key"/>), credential and
    /// JWT cache.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key and options name, for example <c>"eu"</c>.</param>
    /// <param name="configure">Configures this client's options.</param>
    /// <returns>The builder of this client's HttpClient (named <c>Amigo:{key}</c>).</returns>
    /// <exception cref="InvalidOperationException">A client with this key is already registered.</exception>
    public static IHttpClientBuilder AddAmigoClient(this IServiceCollection services, string key, Action<AmigoClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(configure);
        RequireFirst(services, key);
        services.AddOptions<AmigoClientOptions>(key).Configure(configure);
        return AddCore(services, key);
    }

    /// <summary>
    /// Registers a keyed <see cref="AmigoClient"/> whose options are bound from <paramref name="configuration"/> (for
    /// example the "Amigo:Eu" section), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key and options name.</param>
    /// <param name="configuration">The section to bind.</param>
    /// <param name="configure">Further configuration, applied after binding.</param>
    /// <returns>The builder of this client's HttpClient.</returns>
    /// <exception cref="InvalidOperationException">A client with this key is already registered.</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(BindingIsReflection)]
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(BindingIsReflection)]
    public static IHttpClientBuilder AddAmigoClient(this IServiceCollection services, string key, IConfiguration configuration, Action<AmigoClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(configuration);
        RequireFirst(services, key);
        var builder = services.AddOptions<AmigoClientOptions>(key).Bind(configuration);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services, key);
    }

    /// <summary>Refuses a second registration of the same client: it would silently merge into the first.</summary>
    private static void RequireFirst(IServiceCollection services, string? key)
    {
        var registered = services.Any(d => d.ServiceType == typeof(AmigoClientRuntime)
            && (key is null ? !d.IsKeyedService : d.IsKeyedService && Equals(d.ServiceKey, key)));
        if (registered)
        {
            throw new InvalidOperationException(key is null
                ? "AddAmigoClient was already called: the default AmigoClient is registered once. To call several organizations, " +
                  "register each as a keyed client, AddAmigoClient(\"eu\", ...), and inject it with [FromKeyedServices(\"eu\")]."
                : $"AddAmigoClient(\"{key}\", ...) was already called: each keyed AmigoClient is registered once. Use another key for another organization.");
        }
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string? key)
    {
        var optionsName = key ?? Options.Options.DefaultName;
        services.AddOptions<AmigoClientOptions>(optionsName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AmigoClientOptions>, AmigoClientOptionsValidator>());

        var builder = services.AddHttpClient(key is null ? HttpClientName : $"{HttpClientName}:{key}");
        Func<IServiceProvider, AmigoClientRuntime> runtime;
        if (key is null)
        {
            services.AddSingleton(provider => CreateRuntime(provider, optionsName));
            runtime = provider => provider.GetRequiredService<AmigoClientRuntime>();
            builder.AddTypedClient((httpClient, provider) => new AmigoClient(httpClient, runtime(provider)));
        }
        else
        {
            services.AddKeyedSingleton(key, (provider, _) => CreateRuntime(provider, optionsName));
            runtime = provider => provider.GetRequiredKeyedService<AmigoClientRuntime>(key);
            var httpClientName = builder.Name;
            services.AddKeyedTransient(key, (provider, _) =>
                new AmigoClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName), runtime(provider)));
        }

        builder.ConfigureHttpClient((provider, httpClient) => runtime(provider).ConfigureHttpClient(httpClient));
        builder.ConfigurePrimaryHttpMessageHandler(AmigoTransport.CreateDefault);
        builder.ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
        {
            var index = 0;
            foreach (var factory in runtime(provider).HandlerFactories())
            {
                handlers.Insert(index++, factory());
            }
        });
        return builder;
    }

    private static AmigoClientRuntime CreateRuntime(IServiceProvider provider, string optionsName)
    {
        AmigoClientOptions options;
        try
        {
            options = provider.GetRequiredService<IOptionsMonitor<AmigoClientOptions>>().Get(optionsName);
        }
        catch (OptionsValidationException ex) when (AmigoClientOptionsValidator.ToConfigurationException(ex) is { } invalid)
        {
            // Resolved without ValidateOnStart having run (no host): the same typed error as the client's constructor.
            throw invalid;
        }

        return new AmigoClientRuntime(options, provider.GetService<ILoggerFactory>());
    }
}
