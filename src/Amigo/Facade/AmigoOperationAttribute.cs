namespace Amigo;

/// <summary>Names the spec operation a resource method calls (its stable id, for example <c>get-conversations</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class AmigoOperationAttribute(string operationId) : Attribute
{
    /// <summary>The operation id, as in the spec and the operation table of the README.</summary>
    public string OperationId { get; } = operationId;
}
