using System.Reflection;
using Amigo.Emulator;

namespace Amigo.EndToEnd.Tests;

/// <summary>The README's first command: the quickstart runs against the emulator and exits with 0, with no AMIGO_*
/// variables: it finds its service by listing the services through <c>client.Services</c>.</summary>
[NonParallelizable]
public class QuickstartTests
{
    private const string GetServices = "get-services";

    [SetUp]
    public void OnlyWithoutRealCredentials()
    {
        if (Environment.GetEnvironmentVariable("AMIGO_API_KEY") is { Length: > 0 })
            Assert.Ignore("AMIGO_API_KEY is set: the quickstart would talk to the real API.");
        if (Environment.GetEnvironmentVariable("AMIGO_SERVICE_ID") is { Length: > 0 })
            Assert.Ignore("AMIGO_SERVICE_ID is set: the quickstart would not look its service up.");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var entryPoint = Assembly.Load("Amigo.Quickstart").EntryPoint!;
        var output = new StringWriter();
        var errors = new StringWriter();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var exitCode = await Task.Run(() => (int)entryPoint.Invoke(null, [args])!);
            return (exitCode, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    [Test]
    public async Task The_quickstart_talks_to_the_emulator_and_exits_cleanly()
    {
        // Strict: the emulator is our reading of the spec, so any drift from the generated client fails here.
        var (exitCode, text, errors) = await RunAsync("--strict");

        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(text, Does.Contain("local emulator"));
        Assert.That(text, Does.Contain("Finding a service (the first active one):"));
        Assert.That(text, Does.Contain($"({AmigoEmulatorOptions.DemoServiceId})"));
        Assert.That(text, Does.Contain("agent ›"));
        Assert.That(text, Does.Contain("you   │ Hi! What can you help me with?"));
        Assert.That(text, Does.Not.Contain("did not match the API spec"));
        Assert.That(text.TrimEnd(), Does.EndWith("Done."));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task The_quickstart_completes_against_a_server_whose_tool_call_ended_events_drift_from_the_spec()
    {
        // The live API has sent tool-call-ended with input_params/output/duration_ms instead of input_parameters/result/duration.
        var drifted = AgentActions.Custom("tool-call-ended", new
        {
            tool_round_index = 0, tool_id = "65f1c0ffee00000000000001", tool_version = "1.2.0",
            input_params = new { query = "weather" }, output = "Sunny", duration_ms = 1750,
        });
        await using var emulator = await AmigoEmulator.StartAsync(new AmigoEmulatorOptions
        {
            Agent = new ScriptedAgent(turn => new AgentReply { Message = $"Reply {turn.TurnIndex}.", Actions = [drifted] }),
        });

        var (exitCode, text, errors) = await RunAsync("--base-url", emulator.BaseUrl.ToString());

        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(text, Does.Contain($"the server at {emulator.BaseUrl}"));
        Assert.That(text, Does.Contain("⚠ the server's tool-call-ended event did not match the API spec (action.input_parameters missing, action.result missing, action.duration missing)"));
        Assert.That(text, Does.Contain("Reply 2."));
        Assert.That(text.TrimEnd(), Does.EndWith("Done."));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task With_no_service_id_the_quickstart_lists_the_active_services_and_talks_to_the_first()
    {
        // Pointed at a server with demo credentials and no AMIGO_SERVICE_ID, it has no service id but the listing's.
        await using var emulator = await AmigoEmulator.StartAsync();

        var (exitCode, text, errors) = await RunAsync("--base-url", emulator.BaseUrl.ToString(), "--strict");

        Assert.That(exitCode, Is.Zero, errors);
        var operations = emulator.Requests.Select(r => r.Operation).ToList();
        Assert.That(operations, Does.Contain(GetServices));
        Assert.That(operations.IndexOf(GetServices), Is.LessThan(operations.IndexOf(EmulatorOperations.CreateConversation)));
        var listing = emulator.Requests.First(r => r.Operation == GetServices);
        Assert.That(listing.Query, Does.Contain("is_active=true"));
        var create = emulator.Requests.First(r => r.Operation == EmulatorOperations.CreateConversation);
        Assert.That(create.Body, Does.Contain(AmigoEmulatorOptions.DemoServiceId));
    }
}
