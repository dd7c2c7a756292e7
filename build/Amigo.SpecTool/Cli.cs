using Amigo.SpecTool.Extraction;
using Newtonsoft.Json.Linq;

namespace Amigo.SpecTool;

/// <summary>
/// The tool's command line: <c>import</c> and <c>extract</c> refresh openapi/, <c>lock</c> pins type names,
/// <c>merge</c>, <c>polish</c>, <c>decoders</c>, <c>facade</c> and <c>requires</c> run in the build, <c>api</c> writes the public-API listings.
/// </summary>
public static class Cli
{
    private const string Usage = """
        usage:
          amigo-spec import <openapi.json | https-url> <openapi-folder>
              Splits a published spec into one OpenAPI file per operation under <tag>/, removes the files of
              operations it no longer has, keeps fragments marked "x-amigo-hand-written", updates names.lock and prints
              what changed; in a repository it then builds the generated layer and updates api/Amigo.Generated.txt.
          amigo-spec extract <docs-folder> <openapi-folder>
              Writes one OpenAPI file per operation found in the docs' "## " sections.
          amigo-spec lock <openapi-folder>
              Pins every generated type's name in <openapi-folder>/names.lock (after a hand edit; import does it itself).
          amigo-spec api <api-folder> <assembly.dll>...
              Writes the public API of each assembly to <api-folder>/<AssemblyName>.txt and prints what changed.
          amigo-spec merge <openapi-folder> <output.json> [<output.cs> <namespace>]
              Merges every *.json under the folder into one normalized OpenAPI document for NSwag,
              and optionally writes the C# that completes the generated code (unions, tuples, kind unions,
              the operation table).
          amigo-spec facade <merged.json> <nswag-output.cs> <hand-written-folder> <output.cs> <excluded.txt> [<namespace> <generated-namespace>]
              Writes the façade's resource layer (one group per tag, one method per operation, options classes,
              argument checks, paging by shape) for AmigoClient. It skips the hand-written operations: the files
              <hand-written-folder>/<Group>/<operation-id>.cs. Those the spec lacks are reported, and their files (and
              every file of a group the spec lacks) are listed in <excluded.txt>, for the build to leave out.
          amigo-spec requires <sources.txt> <excluded.txt> <report.txt> <assembly.dll>...
              Checks the "// Requires: Type, Type.Member, Type.Member -> Type" header of each source file listed in
              <sources.txt> against the public surface of the assemblies; writes the files whose header names a
              missing symbol to <excluded.txt>, for the build to leave out, and one line per file naming the missing
              symbols to <report.txt>. A malformed header is an error at its file and line (AMIGO002).
          amigo-spec readme <merged.json> <hand-written-folder> <README.md>
              Rewrites the operation table between the README's amigo:operations markers.
          amigo-spec polish <nswag-output.cs>
              Renames NSwag's snake_case properties and parameters to C# casing, in place.
          amigo-spec decoders <merged.json> <polished-nswag-output.cs> <output.cs> <namespace>
              Writes the System.Text.Json decoders of the streamed responses' events, for the DTOs NSwag wrote.
        """;

    public static int Run(string[] args)
    {
        try
        {
            switch (args)
            {
                case ["import", var source, var folder]:
                    Console.Write(Importing.SpecImporter.ImportAsync(source, folder).GetAwaiter().GetResult());
                    // In a repository, the generated layer is rebuilt so the import also shows (and records in api/) what users will see.
                    Console.Write(PublicApi.GeneratedApi.Refresh(folder) switch
                    {
                        null => "",
                        "" => "Public API of Amigo.Generated: unchanged.\n",
                        var diff => diff,
                    });
                    return 0;
                case ["extract", var docs, var output]:
                    var written = DocsExtractor.Extract(docs, output);
                    Console.WriteLine($"amigo-spec: wrote {written.Count} operation files to {output}");
                    return 0;
                case ["lock", var folder]:
                    var entries = Merging.SpecPipeline.Normalize(Merging.SpecPipeline.Load(folder), NameLock.LockFile.Read(folder));
                    SpecJson.WriteIfChanged(NameLock.LockFile.PathIn(folder), NameLock.LockFile.Format(entries));
                    Console.WriteLine($"amigo-spec: {entries.Count} type names pinned in {NameLock.LockFile.PathIn(folder)}");
                    return 0;
                case ["api", var apiFolder, .. var assemblies] when assemblies.Length > 0:
                    foreach (var assembly in assemblies)
                        Console.Write(PublicApi.ApiBaseline.Update(apiFolder, assembly));
                    return 0;
                case ["merge", var input, var output]:
                    Merging.SpecPipeline.Run(input, output, null, null);
                    return 0;
                case ["merge", var input, var output, var codeFile, var ns]:
                    Merging.SpecPipeline.Run(input, output, codeFile, ns);
                    return 0;
                case ["facade", var merged, var client, var handWrittenFolder, var output, var excluded, .. var names] when names.Length is 0 or 2:
                {
                    var spec = SpecJson.ReadFile(merged, merged);
                    var handWritten = Facade.HandWrittenCode.Read(handWrittenFolder);
                    SpecJson.WriteIfChanged(output, Facade.FacadeWriter.Write(
                        spec, File.ReadAllText(client), handWritten,
                        names.Length == 2 ? names[0] : "Amigo", names.Length == 2 ? names[1] : "Amigo.Generated"));
                    var groups = Facade.FacadeModel.Groups(spec);
                    SpecJson.WriteIfChanged(excluded, string.Concat(handWritten.Excluded(groups).Select(f => f + "\n")));
                    Console.Write(handWritten.Report(groups));
                    return 0;
                }
                case ["requires", var sources, var excludedList, var report, .. var referenced]:
                    Requires.RequiresCheck.Run(sources, excludedList, report, referenced);
                    return 0;
                case ["readme", var merged, var handWrittenFolder, var readme]:
                {
                    var text = File.ReadAllText(readme);
                    var updated = Facade.ReadmeTableWriter.Rewrite(text, SpecJson.ReadFile(merged, merged), Facade.HandWrittenCode.Read(handWrittenFolder));
                    Console.WriteLine(updated == text ? "amigo-spec: README operation table unchanged" : $"amigo-spec: README operation table rewritten in {readme}");
                    if (updated != text) File.WriteAllText(readme, updated);
                    return 0;
                }
                case ["polish", var file]:
                    var code = File.ReadAllText(file);
                    var polished = CodeEmission.GeneratedCodePolisher.Polish(code, Path.GetFileName(file));
                    if (polished != code) File.WriteAllText(file, polished);
                    return 0;
                case ["decoders", var spec, var dtos, var decoders, var ns]:
                    var classes = StreamDecoders.DtoModel.Read(File.ReadAllText(dtos));
                    SpecJson.WriteIfChanged(decoders, StreamDecoders.StreamDecoderWriter.Write(JObject.Parse(File.ReadAllText(spec)), classes, ns));
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Requires.RequiresHeaderException e)
        {
            Console.Error.WriteLine(e.BuildError);
            return 1;
        }
        catch (SpecToolException e)
        {
            // MSBuild recognizes "error <code>: message" lines and fails the build with them.
            Console.Error.WriteLine($"amigo-spec : error AMIGO001: {e.Message}");
            return 1;
        }
    }
}
