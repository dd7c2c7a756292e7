using Amigo.AspNetCore.Webhooks;
using Amigo.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps an endpoint that receives Amigo webhooks.</summary>
public static class AmigoWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive Amigo webhooks: the raw body is read (up to
    /// <see cref="AmigoWebhookEndpointOptions.MaxBodySize"/>, else 413), verified against the configured secrets (401 on
    /// failure; the handler is not called), deduplicated by idempotency key, and handed to <paramref name="handler"/>
    /// as a typed event. The response is 204 once the handler returns, or at once for a delivery already handled.
    /// </summary>
    /// <example>
    /// <code>
    /// app.MapAmigoWebhooks("/amigo/webhooks", async (webhookEvent, cancellationToken) =>
    /// {
    ///     if (webhookEvent is ConversationPostProcessingCompleteEvent done)
    ///         await queue.EnqueueAsync(done.ConversationId, cancellationToken);
    /// }, options => options.Secrets.Add(configuration["Amigo:WebhookSecret"]!));
    /// </code>
    /// </example>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, for example <c>/amigo/webhooks</c>.</param>
    /// <param name="handler">Acts on each verified event once; throw to have Amigo retry the delivery.</param>
    /// <param name="configure">Sets the secrets (required) and other options.</param>
    /// <returns>The endpoint's builder, to add metadata or host filters.</returns>
    /// <exception cref="ArgumentException">No secret is configured, or an option is out of range.</exception>
    public static IEndpointConventionBuilder MapAmigoWebhooks(this IEndpointRouteBuilder endpoints, string pattern,
        Func<AmigoWebhookEvent, CancellationToken, Task> handler, Action<AmigoWebhookEndpointOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Map(endpoints, pattern, configure, (context, webhookEvent) => handler(webhookEvent, context.RequestAborted));
    }

    /// <summary>
    /// Like <see cref="MapAmigoWebhooks(IEndpointRouteBuilder, string, Func{AmigoWebhookEvent, CancellationToken, Task}, Action{AmigoWebhookEndpointOptions})"/>,
    /// with each event handled by a <typeparamref name="THandler"/> resolved from the request's services (register it,
    /// for example with <c>services.AddScoped&lt;THandler&gt;()</c>).
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, for example <c>/amigo/webhooks</c>.</param>
    /// <param name="configure">Sets the secrets (required) and other options.</param>
    /// <returns>The endpoint's builder, to add metadata or host filters.</returns>
    /// <exception cref="ArgumentException">No secret is configured, or an option is out of range.</exception>
    public static IEndpointConventionBuilder MapAmigoWebhooks<THandler>(this IEndpointRouteBuilder endpoints, string pattern,
        Action<AmigoWebhookEndpointOptions> configure)
        where THandler : class, IAmigoWebhookHandler =>
        Map(endpoints, pattern, configure, (context, webhookEvent) =>
            context.RequestServices.GetRequiredService<THandler>().HandleAsync(webhookEvent, context.RequestAborted));

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern,
        Action<AmigoWebhookEndpointOptions> configure, Func<HttpContext, AmigoWebhookEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AmigoWebhookEndpointOptions();
        configure(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBodySize, 1, nameof(options.MaxBodySize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxBodySize, Array.MaxLength - 1, nameof(options.MaxBodySize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DeduplicationRetention, TimeSpan.Zero, nameof(options.DeduplicationRetention));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HandlerLease, TimeSpan.Zero, nameof(options.HandlerLease));
        var verifier = new AmigoWebhookVerifier(options);
        var store = options.DeduplicationStore ?? new InMemoryAmigoWebhookDeduplicationStore(options.TimeProvider);
        var endpoint = new AmigoWebhookEndpoint(verifier, store, options, handler);
        return endpoints.MapPost(pattern, endpoint.HandleAsync).WithDisplayName("Amigo webhooks " + pattern);
    }
}
