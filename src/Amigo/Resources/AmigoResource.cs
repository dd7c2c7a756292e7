namespace Amigo;

/// <summary>The base of the resource groups of <see cref="AmigoClient"/>.</summary>
public abstract class AmigoResource
{
    private readonly AmigoClientContext? _context;

    /// <summary>For fakes and mocks: a resource group with no client behind it. Its methods throw unless overridden.</summary>
    protected AmigoResource()
    {
    }

    private protected AmigoResource(AmigoClientContext context)
    {
        _context = context;
    }

    /// <summary>The organization id every call of this client is made in.</summary>
    public virtual string OrganizationId => Context.OrganizationId;

    internal AmigoClientContext Context => _context ?? throw NotConnected();

    /// <summary>What a fake's method throws when it calls through to a client it does not have.</summary>
    private protected static InvalidOperationException NotConnected() =>
        new("This resource group was created for a fake (with its protected constructor) and has no client behind it; override the methods the test calls.");

    internal HttpClient HttpClient => Context.HttpClient;

    internal AmigoClientOptions Options => Context.Options;

    /// <summary>Sends a hand-built request through the pipeline; errors arrive as typed <see cref="AmigoException"/>s.</summary>
    internal Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, HttpCompletionOption completionOption, string operation, CancellationToken cancellationToken) =>
        Context.SendAsync(request, completionOption, operation, cancellationToken);

    /// <summary>Runs a generated-client call with its failures translated to typed <see cref="AmigoException"/>s.</summary>
    internal Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        Context.CallAsync(operation, call, cancellationToken);

    /// <summary>Runs a generated-client call without a result, with its failures translated.</summary>
    internal Task CallAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        Context.CallAsync(operation, call, cancellationToken);
}
