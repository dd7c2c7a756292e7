using Amigo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="AmigoClient"/> with dependency injection.</summary>
public static class AmigoServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the SDK registers with IHttpClientFactory.</summary>
    public const string HttpClientName = "Amigo";

    private const string BindingIsReflection =
        "Binds AmigoClientOptions from configuration by reflection. In a trimmed or NativeAOT app, configure the options in code with the Action<AmigoClientOptions> overload.";

    /// <summary>
    /// Registers <see cref="AmigoClient"/> through IHttpClientFactory, configured by <paramref name="configure"/>.
    /// The JWT cache, rate limiters and options live in a singleton, so they survive handler recycling.
    /// </summary>
    /// <returns>The builder of the underlying HttpClient, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddAmigoClient(this IServiceCollection services, Action<AmigoClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AmigoClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="AmigoClient"/> through IHttpClientFactory, binding <see cref="AmigoClientOptions"/> from
    /// <paramref name="configuration"/> (for example the "Amigo" section) and then applying <paramref name="configure"/>.
    /// </summary>
    /// <remarks>
    /// Binding reads the options' properties by reflection (ConfigurationBinder), which trimming and NativeAOT cannot
    /// check. In a trimmed or NativeAOT app, use the <see cref="AddAmigoClient(IServiceCollection, Action{AmigoClientOptions})"/>
    /// overload (or bind with the configuration-binding source generator in the app).
    /// </remarks>
    /// <returns>The builder of the underlying HttpClient.</returns>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(BindingIsReflection)]
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(BindingIsReflection)]
    public static IHttpClientBuilder AddAmigoClient(this IServiceCollection services, IConfiguration configuration, Action<AmigoClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<AmigoClientOptions>().Bind(configuration);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(AmigoClientRuntime)))
        {
            // Registered before: the options above add to the same configuration; the pipeline must not be added twice.
            return services.AddHttpClient(HttpClientName);
        }

        services.TryAddSingleton(provider => new AmigoClientRuntime(
            provider.GetRequiredService<IOptions<AmigoClientOptions>>().Value,
            provider.GetService<ILoggerFactory>()));

        var builder = services.AddHttpClient(HttpClientName);
        builder.AddTypedClient((httpClient, provider) => new AmigoClient(httpClient, provider.GetRequiredService<AmigoClientRuntime>()));
        builder.ConfigureHttpClient((provider, httpClient) => provider.GetRequiredService<AmigoClientRuntime>().ConfigureHttpClient(httpClient));
        builder.ConfigurePrimaryHttpMessageHandler(AmigoTransport.CreateDefault);
        builder.ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
        {
            var runtime = provider.GetRequiredService<AmigoClientRuntime>();
            var index = 0;
            foreach (var factory in runtime.HandlerFactories())
            {
                handlers.Insert(index++, factory());
            }
        });
        return builder;
    }
}
