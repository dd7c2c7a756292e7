using System.Text;
using Amigo.SpecTool.CodeEmission;
using Amigo.SpecTool.Normalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Merging;

/// <summary>openapi/ fragments → one merged document → normalized for NSwag → written with its support code.</summary>
public static class SpecPipeline
{
    public static void Run(string inputFolder, string outputSpec, string? outputCode, string? codeNamespace)
    {
        var document = FragmentMerger.Merge(FragmentMerger.ReadFolder(inputFolder));
        var unions = Normalize(document);
        WriteIfChanged(outputSpec, document.ToString(Formatting.Indented));
        if (outputCode is not null)
            WriteIfChanged(outputCode, SupportCodeWriter.Write(document, unions, codeNamespace ?? "Amigo.Generated"));
    }

    /// <summary>Every rewrite, in order. Later passes rely on earlier ones (unions read constants that OpenApi30 drops).</summary>
    public static IReadOnlyList<UnionFamily> Normalize(JObject document)
    {
        Tags.Run(document);
        TransportHeaders.Run(document);
        StreamingResponses.Run(document);
        MultipartBodies.Run(document);
        PrimitiveInlining.Run(document);
        Deduplication.Run(document);
        SchemaNamer.Run(document);
        Nullability.Run(document);
        Tuples.Run(document);
        var unions = Unions.Run(document);
        Enums.Run(document);
        InlineObjects.Run(document);
        JsonQueryParameters.Run(document);
        OpenApi30.Run(document);
        return unions;
    }

    /// <summary>Leaves an unchanged file untouched, so MSBuild's timestamps see no change.</summary>
    private static void WriteIfChanged(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (File.Exists(path) && File.ReadAllText(path) == content) return;
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }
}
