namespace Amigo.SpecTool.Merging;

public static class SpecPipeline
{
    public static void Run(string inputFolder, string outputSpec, string? outputCode, string? codeNamespace) =>
        throw new SpecToolException("merge: not written yet");
}
