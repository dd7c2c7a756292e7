using Amigo.SpecTool;
using Amigo.SpecTool.Extraction;

return Cli.Run(args);
