using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Amigo.Tests.Hardening;

/// <summary>
/// A raw TCP server on 127.0.0.1 that reads each HTTP/1.1 request head and hands the connection to a script, for
/// what Kestrel will not do: close without an answer, or send a malformed chunk. Counts request heads received.
/// </summary>
internal sealed class RawTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<NetworkStream, string, Task<bool>> _answer;
    private readonly Task _accepting;
    private int _requests;

    /// <param name="answer">Answers one request (its head is given); returns false to close the connection.</param>
    public RawTcpServer(Func<NetworkStream, string, Task<bool>> answer)
    {
        _answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[8192];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    var end = head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0)
                    {
                        continue;
                    }

                    var request = head.ToString(0, end);
                    head.Remove(0, end + 4);
                    Interlocked.Increment(ref _requests);
                    if (!await _answer(stream, request))
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the server stopped.
            }
        }
    }

    public static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    /// <summary>Reads (and drops) until the client closes the connection.</summary>
    public static async Task WaitForClientToLeaveAsync(NetworkStream stream)
    {
        var sink = new byte[1024];
        while (await stream.ReadAsync(sink).AsTask().WaitAsync(TestServer.Signal.Guard * 2) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
