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
    [TestCase(typeof(Amigo.Generated.AmigoJsonSettings))]
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

    [Test]
    public void A_file_that_imports_both_namespaces_sees_no_ambiguous_type_name()
    {
        // `using Amigo; using Amigo.Generated;` is how every example starts: a name public in both is CS0104.
        static ILookup<string, string> Names(Assembly assembly, string ns) =>
            assembly.GetExportedTypes().Where(t => t.Namespace == ns && !t.IsNested).ToLookup(t => t.Name, t => t.FullName!);

        var facade = Names(typeof(AmigoClient).Assembly, "Amigo");
        var generated = Names(typeof(Amigo.Generated.AmigoJsonSettings).Assembly, "Amigo.Generated");
        Assert.That(facade.Select(g => g.Key).Where(generated.Contains).ToList(), Is.Empty);
    }

    [Test]
    public void NSwags_plumbing_is_internal_and_every_public_generated_type_is_a_DTO_or_the_JSON_settings()
    {
        var generated = typeof(Amigo.Generated.AmigoJsonSettings).Assembly;
        var plumbing = generated.GetExportedTypes()
            .Where(t => t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>()?.Tool == "NSwag")
            .Select(t => t.Name)
            .ToList();
        Assert.That(plumbing, Is.Empty, "clients, ApiException, FileResponse");
        Assert.That(generated.GetExportedTypes().Where(t => t.IsInterface).Select(t => t.Name), Is.Empty, "no generated client interfaces");
        Assert.That(generated.GetType("Amigo.Generated.ConversationClient"), Is.Not.Null, "the clients still exist, for the façade");
    }
}
