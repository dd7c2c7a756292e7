namespace Amigo.SpecTool;

/// <summary>A problem with the spec that the tool reports as a clear, single-line build error.</summary>
public sealed class SpecToolException(string message) : Exception(message);
