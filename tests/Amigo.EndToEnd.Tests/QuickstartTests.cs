using System.Reflection;
using Amigo.Emulator;

namespace Amigo.EndToEnd.Tests;

/// <summary>The README's first command: the quickstart runs against the emulator and exits with 0.</summary>
[NonParallelizable]
public class QuickstartTests
{
    [SetUp]
    public void OnlyWithoutRealCredentials()
    {
        if (Environment.GetEnvironmentVariable("AMIGO_API_KEY") is { Length: > 0 })
            Assert.Ignore("AMIGO_API_KEY is set: the quickstart would talk to the real API.");
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
}
