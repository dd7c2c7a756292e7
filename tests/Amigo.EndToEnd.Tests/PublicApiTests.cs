using System.Reflection;
using Amigo.SpecTool.PublicApi;

namespace Amigo.EndToEnd.Tests;

/// <summary>
/// The public surface of every shipped assembly is committed in api/, one listing per assembly, so that a change
/// to it (a regenerated spec, a façade edit) shows in review. The test fails on any difference and says how to
/// accept it.
/// </summary>
public sealed class PublicApiTests
{
    /// <summary>The one command that rewrites every listing from the built assemblies.</summary>
    public const string UpdateCommand = "AMIGO_UPDATE_API=1 dotnet test tests/Amigo.EndToEnd.Tests -c Release --filter FullyQualifiedName~PublicApiTests";

    private static readonly string ApiFolder = typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ApiFolder").Value!;

    [TestCase(typeof(AmigoClient))]
    [TestCase(typeof(Amigo.Generated.ConversationClient))]
    [TestCase(typeof(Amigo.Emulator.AmigoEmulator))]
    [TestCase(typeof(Amigo.AspNetCore.Webhooks.AmigoWebhookEndpointOptions))]
    public void The_public_API_is_the_committed_listing(Type shipped)
    {
        var assembly = shipped.Assembly.Location;
        var name = Path.GetFileNameWithoutExtension(assembly);
        if (Environment.GetEnvironmentVariable("AMIGO_UPDATE_API") == "1")
            TestContext.Out.Write(ApiBaseline.Update(ApiFolder, assembly));

        var committed = ApiBaseline.Committed(ApiFolder, assembly);
        var built = ApiListing.Of(assembly);

        if (built == committed) return;
        Assert.Fail($"""
            The public API of {name} is not api/{name}.txt:
            {(committed.Length == 0 ? "(api/" + name + ".txt does not exist)" : ApiListing.Diff(committed, built))}
            If the change is intended, update the listings (and commit them) with:
                {UpdateCommand}
            """);
    }
}
