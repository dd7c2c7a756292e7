// Requires: AdminResource.GetPromptLogsAsync -> Task<AmigoFileResponse>, ToolsResource.GetToolScaffoldReleaseWithResponseAsync
using System.Net;
using System.Net.Http.Headers;
using Amigo.Tests.Support;
using RichardSzalay.MockHttp;

namespace Amigo.Tests.Facade;

/// <summary>
/// Operations whose success body is a file (a non-JSON media type with a string schema, such as get-prompt-logs'
/// application/zip): the façade returns an <see cref="AmigoFileResponse"/> whose body streams from the connection.
/// </summary>
public class FileResponseTests
{
    private const string PromptLogsUrl = AmigoTestHost.BaseUrl + "v1/acme/admin/get_prompt_logs/";
    private static readonly byte[] Archive = [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static AmigoTestHost Host(Action<AmigoClientOptions>? configure = null) =>
        new(o =>
        {
            o.Credential = new BearerTokenCredential(AmigoTestHost.Jwt);
            configure?.Invoke(o);
        });

    private static HttpResponseMessage File(HttpContent content, string? disposition = "attachment; filename=\"logs.zip\"")
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        if (disposition is not null)
            content.Headers.ContentDisposition = ContentDispositionHeaderValue.Parse(disposition);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.Add("x-request-id", "req-7");
        return response;
    }

    [Test]
    public async Task AFileOperation_ReturnsTheBody_WithItsContentType_FileName_AndLength()
    {
        using var host = Host();
        host.Http.Expect(HttpMethod.Get, PromptLogsUrl).WithQueryString("prompt_log_prefix", "chat")
            .WithHeaders("Authorization", "Bearer " + AmigoTestHost.Jwt)
            .Respond(_ => File(new ByteArrayContent(Archive)));

        using var file = await host.Client.Admin.GetPromptLogsAsync("chat");

        using var copy = new MemoryStream();
        await file.Content.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(Archive));
        Assert.That(file.ContentType, Is.EqualTo("application/zip"));
        Assert.That(file.FileName, Is.EqualTo("logs.zip"));
        Assert.That(file.Length, Is.EqualTo(Archive.Length));
        Assert.That(file.ToString(), Is.EqualTo($"AmigoFileResponse(application/zip, FileName=logs.zip, Length={Archive.Length})"));
        host.Http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task TheFileName_PrefersTheEncodedForm_AndIsNullWithoutContentDisposition()
    {
        using var host = Host();
        var answers = new Queue<HttpResponseMessage>([
            File(new ByteArrayContent(Archive), "attachment; filename=\"plain.zip\"; filename*=UTF-8''r%C3%A9sum%C3%A9.zip"),
            File(new ByteArrayContent(Archive), disposition: null),
        ]);
        host.Http.When(HttpMethod.Get, PromptLogsUrl).Respond(_ => answers.Dequeue());

        using (var encoded = await host.Client.Admin.GetPromptLogsAsync("chat"))
            Assert.That(encoded.FileName, Is.EqualTo("résumé.zip"));
        using (var none = await host.Client.Admin.GetPromptLogsAsync("chat"))
            Assert.That(none.FileName, Is.Null);
    }

    [Test]
    public async Task TheBody_IsNotBuffered_AndDisposingTheFile_FreesTheResponse()
    {
        // A limit smaller than the body: a buffered read would fail with AmigoResponseTooLargeException.
        using var host = Host(o => o.MaxResponseBodySize = 4);
        var content = new TrackingContent(Archive);
        host.Http.When(HttpMethod.Get, PromptLogsUrl).Respond(_ => File(content));

        var file = await host.Client.Admin.GetPromptLogsAsync("chat");

        Assert.That(content.BytesRead, Is.Zero, "nothing of the body is read before the caller reads it");
        var first = new byte[4];
        Assert.That(await file.Content.ReadAsync(first), Is.EqualTo(4));
        Assert.That(content.Disposed, Is.False);

        file.Dispose();
        Assert.That(content.Disposed, Is.True, "disposing the file disposes the response (which frees the connection)");
        Assert.That(content.BytesRead, Is.LessThan(Archive.Length), "disposing does not drain the body");
        Assert.That(() => file.Content.ReadByte(), Throws.InstanceOf<ObjectDisposedException>());
        Assert.DoesNotThrow(file.Dispose, "a second dispose is harmless");
    }

    [Test]
    public async Task WithResponse_GivesTheRawResponse_AroundTheFile()
    {
        using var host = Host();
        host.Http.When(HttpMethod.Get, AmigoTestHost.BaseUrl + "v1/acme/tool/amigo_tool_scaffold.tar.gz")
            .Respond(_ =>
            {
                var response = File(new ByteArrayContent(Archive), "attachment; filename=scaffold.tar.gz");
                response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
                return response;
            });

        var response = await host.Client.Tools.GetToolScaffoldReleaseWithResponseAsync();
        using var file = response.Value;

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.RequestId, Is.EqualTo("req-7"));
        Assert.That(file.ContentType, Is.EqualTo("application/gzip"));
        Assert.That(file.FileName, Is.EqualTo("scaffold.tar.gz"));
    }

    [Test]
    public void ErrorStatuses_AreStillTyped_AndTheirResponsesFreed()
    {
        using var host = Host(o => o.Retry.MaxRetries = 0);
        var statuses = new Queue<HttpStatusCode>([HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.ServiceUnavailable]);
        var contents = new List<TrackingContent>();
        host.Http.When(HttpMethod.Get, PromptLogsUrl).Respond(_ =>
        {
            var content = new TrackingContent("""{"detail":"No prompt logs found matching the supplied prefix"}"""u8.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            contents.Add(content);
            return new HttpResponseMessage(statuses.Dequeue()) { Content = content };
        });

        var notFound = Assert.ThrowsAsync<AmigoNotFoundException>(() => host.Client.Admin.GetPromptLogsAsync("chat"));
        Assert.That(notFound!.Message, Does.Contain("No prompt logs found"));
        Assert.ThrowsAsync<AmigoPermissionDeniedException>(() => host.Client.Admin.GetPromptLogsAsync("chat"));
        Assert.ThrowsAsync<AmigoServiceUnavailableException>(() => host.Client.Admin.GetPromptLogsAsync("chat"));
        Assert.That(contents.Select(c => c.Disposed), Is.All.True);
    }

    [Test]
    public async Task AServerError_IsRetried_BeforeAnyOfTheBodyIsRead()
    {
        using var host = Host(o => o.Retry.MaxRetries = 2);
        var statuses = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK]);
        var route = host.Http.When(HttpMethod.Get, PromptLogsUrl)
            .Respond(_ => statuses.Dequeue() is HttpStatusCode.OK ? File(new ByteArrayContent(Archive)) : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        using var file = await host.Client.Admin.GetPromptLogsAsync("chat");
        using var copy = new MemoryStream();
        await file.Content.CopyToAsync(copy);

        Assert.That(host.Http.GetMatchCount(route), Is.EqualTo(2));
        Assert.That(copy.ToArray(), Is.EqualTo(Archive));
    }

    [Test]
    public void TheConstructor_ForTestsAndMocks_DisposesWhatItOwns()
    {
        var owner = new TrackingContent([]);
        var file = new AmigoFileResponse(new MemoryStream(Archive), "application/zip", "a.zip", Archive.Length, owner);
        Assert.That(file.Length, Is.EqualTo(Archive.Length));
        file.Dispose();
        Assert.That(owner.Disposed, Is.True);
        Assert.Throws<ArgumentNullException>(() => _ = new AmigoFileResponse(null!, null, null, null));
    }

    /// <summary>Content that counts the bytes read from its stream and knows whether it was disposed.</summary>
    private sealed class TrackingContent(byte[] bytes) : HttpContent
    {
        private int _bytesRead;

        public int BytesRead => Volatile.Read(ref _bytesRead);

        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(bytes, 0, bytes.Length);

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new CountingStream(bytes, this));

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }

        private sealed class CountingStream(byte[] bytes, TrackingContent owner) : MemoryStream(bytes, writable: false)
        {
            public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

            public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                ValueTask.FromResult(Read(buffer.Span));

            private int Count(int read)
            {
                Interlocked.Add(ref owner._bytesRead, read);
                return read;
            }
        }
    }
}
