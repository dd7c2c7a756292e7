using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Amigo.Tests.Support;

/// <summary>
/// A transport step for MockHttp (<c>.Respond(sequence)</c>) that answers each request with the next scripted step;
/// the last step repeats. Counts the requests it saw.
/// </summary>
public sealed class ResponseSequence : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] _steps;
    private int _count;

    public ResponseSequence(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        _steps = steps;
    }

    public int Count => Volatile.Read(ref _count);

    public ConcurrentQueue<string?> Bodies { get; } = new();

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(int status, string? retryAfter = null, string body = "{}") =>
        (_, _) =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fail(HttpRequestError error) =>
        (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException(error, $"simulated {error}"));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        Bodies.Enqueue(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        return await _steps[Math.Min(index, _steps.Length - 1)](request, cancellationToken);
    }
}

/// <summary>Sends requests for one method and URL to <paramref name="inner"/>; anything else is a test failure (HTTP 599).</summary>
public sealed class RoutedTransport(HttpMethod method, string url, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Method == method && request.RequestUri?.GetLeftPart(UriPartial.Path) == url
            ? base.SendAsync(request, cancellationToken)
            : Task.FromResult(new HttpResponseMessage((HttpStatusCode)599) { ReasonPhrase = $"unexpected {request.Method} {request.RequestUri}" });
}
