using System.Globalization;
using Amigo.Emulator;

namespace Amigo.Emulator.Tool;

/// <summary>The standalone host, installed as the <c>amigo-emulator</c> dotnet tool: <c>amigo-emulator --port 5080</c>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var options = new AmigoEmulatorOptions { Port = 5080, ConsoleLogging = args.Contains("--verbose") };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port):
                    options.Port = port;
                    i++;
                    break;
                case "--event-delay-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var delay):
                    options.EventDelay = TimeSpan.FromMilliseconds(delay);
                    i++;
                    break;
                case "--verbose":
                    break;
                case "--help" or "-h":
                    Console.WriteLine("Usage: amigo-emulator [--port 5080] [--event-delay-ms 0] [--verbose]");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument '{args[i]}'. Try --help.");
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // `kill`, `docker stop` and CI cleanups send SIGTERM: stop the same way as Ctrl+C.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

        await using var emulator = await AmigoEmulator.StartAsync(options);
        Console.WriteLine($"Amigo emulator listening on {emulator.BaseUrl}");
        Console.WriteLine($"  AMIGO_BASE_URL={emulator.BaseUrl}");
        Console.WriteLine($"  AMIGO_ORGANIZATION_ID={emulator.OrganizationId}");
        Console.WriteLine($"  AMIGO_API_KEY_ID={AmigoEmulatorOptions.DemoApiKeyId}");
        Console.WriteLine($"  AMIGO_API_KEY={AmigoEmulatorOptions.DemoApiKey}");
        Console.WriteLine($"  AMIGO_USER_ID={AmigoEmulatorOptions.DemoUserId}");
        Console.WriteLine($"  service id: {AmigoEmulatorOptions.DemoServiceId} (version sets: release, edge)");
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
