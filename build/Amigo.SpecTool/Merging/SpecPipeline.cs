using Amigo.SpecTool.CodeEmission;
using Amigo.SpecTool.NameLock;
using Amigo.SpecTool.Normalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool.Merging;

/// <summary>openapi/ fragments → one merged document → normalized for NSwag, named by the lock → written with its support code.</summary>
public static class SpecPipeline
{
    public static void Run(string inputFolder, string outputSpec, string? outputCode, string? codeNamespace)
    {
        var document = Load(inputFolder);
        Normalize(document, LockFile.Read(inputFolder));
        SpecJson.WriteIfChanged(outputSpec, document.ToString(Formatting.Indented));
        if (outputCode is not null)
            SpecJson.WriteIfChanged(outputCode, SupportCodeWriter.Write(document, UnionFamily.Read(document), codeNamespace ?? "Amigo.Generated") + OperationTableWriter.Write(document));
    }

    /// <summary>The merged, not yet normalized, document of a spec folder.</summary>
    public static JObject Load(string inputFolder) => FragmentMerger.Merge(FragmentMerger.ReadFolder(inputFolder));

    /// <summary>
    /// Every rewrite, in order, then the final names (see <see cref="LockedNames.Apply"/>); returns the lock that
    /// describes them. Later passes rely on earlier ones (unions read constants that OpenApi30 drops).
    /// </summary>
    public static IReadOnlyList<LockEntry> Normalize(JObject document, IReadOnlyList<LockEntry> names, JObject? previous = null)
    {
        ComponentReferences.Run(document);
        OperationIds.Run(document);
        Tags.Run(document);
        TransportHeaders.Run(document);
        StreamingResponses.Run(document);
        BinaryResponses.Run(document);
        MultipartBodies.Run(document);
        PrimitiveInlining.Run(document);
        Deduplication.Run(document);
        SchemaNamer.Run(document);
        Nullability.Run(document);
        Tuples.Run(document);
        Unions.Run(document);
        KindUnions.Run(document);
        Enums.Run(document);
        InlineObjects.Run(document);
        var locked = LockedNames.Apply(document, names, previous);
        JsonQueryParameters.Run(document);
        OpenApi30.Run(document);
        return locked;
    }
}
