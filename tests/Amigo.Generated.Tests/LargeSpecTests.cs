using Amigo.Generated.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Amigo.Generated.Tests;

/// <summary>The pipeline on a spec the size of the complete API: it must produce clean code that compiles.</summary>
public class LargeSpecTests
{
    [Test]
    public void A_spec_the_size_of_the_full_API_generates_clean_compiling_code()
    {
        using var spec = new SpecFolder();
        LargeSpecBuilder.Write(spec.Path);

        var client = SyntheticClient.Generate(spec.Path);

        var schemas = (JObject)client.Merged["components"]!["schemas"]!;
        // The module unions, one family per twin pair, and the boolean-discriminated outcome.
        Assert.That(schemas.Properties().Count(p => p.Value["x-amigo-union"] is not null), Is.EqualTo(LargeSpecBuilder.Unions + LargeSpecBuilder.TwinFamilies + 1));
        Assert.That(schemas.Properties().Count(p => p.Value["x-amigo-tuple"] is not null), Is.GreaterThanOrEqualTo(16));
        Assert.That(client.Merged.ToString(), Does.Not.Contain("\"type\": \"null\""));
        Assert.That(client.Errors, Is.Empty, string.Join("\n", client.Errors.Take(10)) + "\nclasses: " + string.Join(", ", client.TypeNames.Where(n => n.EndsWith("Client"))));

        var typeNames = client.TypeNames;
        Assert.That(typeNames, Has.None.Contains("__"));
        Assert.That(typeNames.Where(n => char.IsDigit(n[^1]) && !n.Contains("Tuple")), Is.Empty, "numbered junk types");
        Assert.That(typeNames, Does.Contain("DoThing0Response").And.Contain("Module0Action").And.Contain("UnknownModule0Action").And.Contain("TimeZone"));
        Assert.That(typeNames, Is.SupersetOf(new[]
        {
            "StringStringTuple", "Verb", "Outcome", "SucceededOutcome", "FailedOutcome", "Measure0Value", "Categorical0Value",
            "StringOrStringStringTuple", "StringOrNotSet", "ShippingParcelItem", "BillingParcelItem", "DoThing0OrderLineItem", "DoThing0OrderLineItemObject", "Problem",
        }));
        Assert.That(typeNames, Has.None.EndsWith("Input").And.None.EndsWith("Output"));
        var clients = client.Compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Synthetic").GetNamespaceMembers().Single().GetTypeMembers().Where(t => t.Name.EndsWith("Client"));
        var methods = clients.SelectMany(c => c.MemberNames).ToHashSet();
        Assert.That(methods, Does.Contain("DoThing0Async").And.Contain("DoThing10Async").And.Contain("DoThing1Async"), "operation names, FastAPI default ids included");
    }
}
