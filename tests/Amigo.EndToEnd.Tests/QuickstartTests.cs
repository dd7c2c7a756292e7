using System.Reflection;

namespace Amigo.EndToEnd.Tests;

/// <summary>The README's first command: the quickstart runs against the emulator and exits with 0.</summary>
[NonParallelizable]
public class QuickstartTests
{
    [Test]
    public async Task The_quickstart_talks_to_the_emulator_and_exits_cleanly()
    {
        if (Environment.GetEnvironmentVariable("AMIGO_API_KEY") is { Length: > 0 })
            Assert.Ignore("AMIGO_API_KEY is set: the quickstart would talk to the real API.");
        var entryPoint = Assembly.Load("Amigo.Quickstart").EntryPoint!;
        var output = new StringWriter();
        var errors = new StringWriter();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        int exitCode;
        try
        {
            exitCode = await Task.Run(() => (int)entryPoint.Invoke(null, [Array.Empty<string>()])!);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.That(exitCode, Is.Zero, errors.ToString());
        var text = output.ToString();
        Assert.That(text, Does.Contain("local emulator"));
        Assert.That(text, Does.Contain("agent ›"));
        Assert.That(text, Does.Contain("you   │ Hi! What can you help me with?"));
        Assert.That(text.TrimEnd(), Does.EndWith("Done."));
        Assert.That(errors.ToString(), Is.Empty);
    }
}
