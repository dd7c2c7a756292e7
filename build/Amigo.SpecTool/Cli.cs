using Amigo.SpecTool.Extraction;

namespace Amigo.SpecTool;

/// <summary>The tool's command line: <c>extract</c> refreshes openapi/ from the docs, <c>merge</c> builds the normalized spec.</summary>
public static class Cli
{
    private const string Usage = """
        usage:
          amigo-spec extract <docs-folder> <openapi-folder>
              Writes one OpenAPI file per operation found in the docs' "## " sections.
          amigo-spec merge <openapi-folder> <output.json> [<output.cs> <namespace>]
              Merges every *.json under the folder into one normalized OpenAPI document for NSwag,
              and optionally writes the C# that completes the generated code (unions, tuples).
          amigo-spec polish <nswag-output.cs>
              Renames NSwag's snake_case properties and parameters to C# casing, in place.
        """;

    public static int Run(string[] args)
    {
        try
        {
            switch (args)
            {
                case ["extract", var docs, var output]:
                    var written = DocsExtractor.Extract(docs, output);
                    Console.WriteLine($"amigo-spec: wrote {written.Count} operation files to {output}");
                    return 0;
                case ["merge", var input, var output]:
                    Merging.SpecPipeline.Run(input, output, null, null);
                    return 0;
                case ["merge", var input, var output, var codeFile, var ns]:
                    Merging.SpecPipeline.Run(input, output, codeFile, ns);
                    return 0;
                case ["polish", var file]:
                    var code = File.ReadAllText(file);
                    var polished = CodeEmission.GeneratedCodePolisher.Polish(code, Path.GetFileName(file));
                    if (polished != code) File.WriteAllText(file, polished);
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (SpecToolException e)
        {
            // MSBuild recognizes "error <code>: message" lines and fails the build with them.
            Console.Error.WriteLine($"amigo-spec : error AMIGO001: {e.Message}");
            return 1;
        }
    }
}
