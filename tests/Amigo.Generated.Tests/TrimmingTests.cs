using System.CodeDom.Compiler;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Newtonsoft.Json;

namespace Amigo.Generated.Tests;

/// <summary>
/// A trimmed or NativeAOT app keeps only what it references; Newtonsoft.Json and JsonSubTypes reach the generated
/// types by reflection. The spec tool's AmigoTrimmingRoots keeps them: these tests check it names every one, and
/// .ci/publish-check.sh runs the published quickstart.
/// </summary>
public sealed class TrimmingTests
{
    private static readonly Assembly Generated = typeof(AmigoJsonSettings).Assembly;

    private static HashSet<Type> Kept(DynamicallyAccessedMemberTypes members)
    {
        var roots = Generated.GetType("Amigo.Generated.AmigoTrimmingRoots", throwOnError: true)!
            .GetMethod("Preserve", BindingFlags.NonPublic | BindingFlags.Static)!;
        return roots.GetCustomAttributes<DynamicDependencyAttribute>()
            .Where(a => (a.MemberTypes & members) == members)
            .Select(a => a.Type!)
            .ToHashSet();
    }

    [Test]
    public void Every_DTO_and_enum_keeps_its_constructors_properties_and_fields()
    {
        var kept = Kept(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields);
        var dtos = Generated.GetTypes().Where(t => t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "NJsonSchema").ToList();
        Assert.That(dtos, Has.Count.GreaterThan(300));
        Assert.That(dtos.Where(t => !kept.Contains(t)).Select(t => t.Name), Is.Empty);
    }

    [Test]
    public void Every_converter_a_generated_attribute_names_keeps_its_constructors()
    {
        var kept = Kept(DynamicallyAccessedMemberTypes.PublicConstructors);
        var named = Generated.GetTypes()
            .SelectMany(t => t.GetProperties().Select(p => p.GetCustomAttribute<JsonConverterAttribute>()).Append(t.GetCustomAttribute<JsonConverterAttribute>(inherit: false)))
            .OfType<JsonConverterAttribute>()
            .Select(a => a.ConverterType)
            .ToHashSet();
        Assert.That(named, Has.Count.GreaterThan(3), "JsonSubtypes, StringEnumConverter, the tuple and kind-union converters");
        Assert.That(named.Where(t => !kept.Contains(t)).Select(t => t.Name), Is.Empty);
    }

    [Test]
    public void The_JSON_settings_every_client_starts_from_depend_on_the_roots()
    {
        var settings = typeof(AmigoJsonSettings);
        foreach (var method in new[] { "Create", "Apply" })
        {
            var dependency = settings.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetCustomAttribute<DynamicDependencyAttribute>();
            Assert.That(dependency?.MemberSignature, Is.EqualTo("Preserve"), method);
            Assert.That(dependency!.Type!.Name, Is.EqualTo("AmigoTrimmingRoots"), method);
        }
    }
}
