using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Amigo.SpecTool.Requires;

/// <summary>
/// The public surface of built assemblies, read with System.Reflection.Metadata (nothing is loaded): every public
/// type (nested ones too, when public or protected in a public type) by its full name, <c>Namespace.Outer.Inner</c>
/// without generic arity, and its public and protected members by name, each with its type as C# writes it with
/// simple names (a property's or field's type, a method's return type; compared without qualifiers and
/// nullability). Members declared on a base type in these
/// assemblies count as the derived type's.
/// </summary>
public sealed partial class PublicSurface
{
    private readonly Dictionary<string, SurfaceType> _types = new(StringComparer.Ordinal);

    private PublicSurface() { }

    /// <summary>The surface of the assemblies at <paramref name="assemblyPaths"/>.</summary>
    public static PublicSurface Read(IEnumerable<string> assemblyPaths)
    {
        var surface = new PublicSurface();
        foreach (var path in assemblyPaths)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) continue;
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeDefinitions)
            {
                if (FullName(reader, handle) is { } name)
                    surface._types.TryAdd(name, SurfaceType.Read(reader, reader.GetTypeDefinition(handle)));
            }
        }
        return surface;
    }

    /// <summary>Whether <paramref name="symbol"/> is on the surface.</summary>
    public bool Has(RequiredSymbol symbol)
    {
        var segments = symbol.Segments;
        if (symbol.ResultType is null && FindType(symbol.Path).Any()) return true;
        var member = segments[^1];
        var typeName = string.Join('.', segments.Take(segments.Count - 1));
        return typeName.Length > 0 && FindType(typeName).Any(t => MemberTypes(t, member).Any(
            type => symbol.ResultType is null || Comparable(type) == Comparable(symbol.ResultType)));
    }

    /// <summary>
    /// A type as compared: without qualifiers (<c>Amigo.Generated.Conversation</c> is <c>Conversation</c>) and without
    /// <c>?</c>, since metadata keeps a reference type's nullability in attributes, not in the type.
    /// </summary>
    private static string Comparable(string type) => QualifierOrNullable().Replace(type, "");

    [GeneratedRegex(@"[\p{L}_][\p{L}\p{Nd}_]*\.|\?")]
    private static partial Regex QualifierOrNullable();

    /// <summary>The types named <paramref name="name"/>: by full name, or by its end after a dot (<c>Conversation</c> is <c>Amigo.Generated.Conversation</c>).</summary>
    private IEnumerable<SurfaceType> FindType(string name) =>
        _types.TryGetValue(name, out var exact) ? [exact]
            : _types.Where(t => t.Key.EndsWith("." + name, StringComparison.Ordinal)).Select(t => t.Value);

    /// <summary>The types of <paramref name="type"/>'s members named <paramref name="member"/>, its bases' included.</summary>
    private IEnumerable<string> MemberTypes(SurfaceType type, string member)
    {
        for (var current = type; current is not null; current = current.BaseType is { } b && _types.TryGetValue(b, out var next) ? next : null)
        {
            if (current.Members.TryGetValue(member, out var types))
                foreach (var t in types) yield return t;
        }
    }

    /// <summary>The type's full name if it is visible outside its assembly; null otherwise.</summary>
    private static string? FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        var name = WithoutArity(reader.GetString(type.Name));
        if (visibility == TypeAttributes.Public)
        {
            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }
        if (visibility is TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem)
            return FullName(reader, type.GetDeclaringType()) is { } outer ? outer + "." + name : null;
        return null;
    }

    private static string WithoutArity(string name) => name.IndexOf('`') is var tick and >= 0 ? name[..tick] : name;

    private static bool Visible(MethodAttributes access) =>
        (access & MethodAttributes.MemberAccessMask) is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    private static bool Visible(FieldAttributes access) =>
        (access & FieldAttributes.FieldAccessMask) is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;

    private sealed class SurfaceType
    {
        public Dictionary<string, List<string>> Members { get; } = new(StringComparer.Ordinal);

        public string? BaseType { get; private set; }

        public static SurfaceType Read(MetadataReader reader, TypeDefinition definition)
        {
            var type = new SurfaceType();
            var names = TypeNames.Simple;
            type.BaseType = definition.BaseType.IsNil ? null : Name(reader, definition.BaseType, TypeNames.Full);
            foreach (var handle in definition.GetMethods())
            {
                var method = reader.GetMethodDefinition(handle);
                if (!Visible(method.Attributes) || (method.Attributes & MethodAttributes.SpecialName) != 0) continue;
                type.Add(reader.GetString(method.Name), method.DecodeSignature(names, null).ReturnType);
            }
            foreach (var handle in definition.GetProperties())
            {
                var property = reader.GetPropertyDefinition(handle);
                var accessors = property.GetAccessors();
                if (!new[] { accessors.Getter, accessors.Setter }.Any(a => !a.IsNil && Visible(reader.GetMethodDefinition(a).Attributes))) continue;
                type.Add(reader.GetString(property.Name), property.DecodeSignature(names, null).ReturnType);
            }
            foreach (var handle in definition.GetFields())
            {
                var field = reader.GetFieldDefinition(handle);
                if (Visible(field.Attributes)) type.Add(reader.GetString(field.Name), field.DecodeSignature(names, null));
            }
            foreach (var handle in definition.GetEvents())
            {
                var @event = reader.GetEventDefinition(handle);
                if (!@event.GetAccessors().Adder.IsNil && Visible(reader.GetMethodDefinition(@event.GetAccessors().Adder).Attributes))
                    type.Add(reader.GetString(@event.Name), Name(reader, @event.Type, TypeNames.Simple));
            }
            foreach (var handle in definition.GetNestedTypes())
            {
                if (FullName(reader, handle) is not null)
                    type.Add(WithoutArity(reader.GetString(reader.GetTypeDefinition(handle).Name)), "");
            }
            // Constructors are special names, so never members; `Type.Type` is no symbol.
            return type;
        }

        private void Add(string name, string memberType)
        {
            if (!Members.TryGetValue(name, out var types)) Members[name] = types = [];
            types.Add(memberType);
        }

        /// <summary>The type <paramref name="handle"/> names, as <paramref name="names"/> writes it.</summary>
        private static string Name(MetadataReader reader, EntityHandle handle, TypeNames names) => handle.Kind switch
        {
            HandleKind.TypeDefinition => names.GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0),
            HandleKind.TypeReference => names.GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0),
            HandleKind.TypeSpecification => names.GetTypeFromSpecification(reader, null, (TypeSpecificationHandle)handle, 0),
            _ => "",
        };

        private static string ReferenceFullName(MetadataReader reader, TypeReferenceHandle handle)
        {
            var reference = reader.GetTypeReference(handle);
            var name = WithoutArity(reader.GetString(reference.Name));
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
                return ReferenceFullName(reader, (TypeReferenceHandle)reference.ResolutionScope) + "." + name;
            var ns = reader.GetString(reference.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>
        /// Types as C# writes them, with simple names (<c>Task&lt;Conversation&gt;</c>, <c>int?</c>, <c>string[]</c>), or
        /// with full names and no type arguments for a base type's lookup.
        /// </summary>
        private sealed class TypeNames(bool fullNames) : ISignatureTypeProvider<string, object?>
        {
            public static TypeNames Simple { get; } = new(fullNames: false);

            public static TypeNames Full { get; } = new(fullNames: true);

            private static readonly Dictionary<PrimitiveTypeCode, string> Keywords = new()
            {
                [PrimitiveTypeCode.Boolean] = "bool", [PrimitiveTypeCode.Byte] = "byte", [PrimitiveTypeCode.SByte] = "sbyte",
                [PrimitiveTypeCode.Char] = "char", [PrimitiveTypeCode.Int16] = "short", [PrimitiveTypeCode.UInt16] = "ushort",
                [PrimitiveTypeCode.Int32] = "int", [PrimitiveTypeCode.UInt32] = "uint", [PrimitiveTypeCode.Int64] = "long",
                [PrimitiveTypeCode.UInt64] = "ulong", [PrimitiveTypeCode.Single] = "float", [PrimitiveTypeCode.Double] = "double",
                [PrimitiveTypeCode.String] = "string", [PrimitiveTypeCode.Object] = "object", [PrimitiveTypeCode.Void] = "void",
                [PrimitiveTypeCode.IntPtr] = "nint", [PrimitiveTypeCode.UIntPtr] = "nuint", [PrimitiveTypeCode.TypedReference] = "TypedReference",
            };

            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => Keywords[typeCode];

            public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) =>
                fullNames ? FullName(r, handle) ?? "" : WithoutArity(r.GetString(r.GetTypeDefinition(handle).Name));

            public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) =>
                fullNames ? ReferenceFullName(r, handle) : WithoutArity(r.GetString(r.GetTypeReference(handle).Name));

            public string GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
                r.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
                fullNames ? genericType
                    : genericType == "Nullable" && typeArguments.Length == 1 ? typeArguments[0] + "?"
                    : $"{genericType}<{string.Join(",", typeArguments)}>";

            public string GetArrayType(string elementType, ArrayShape shape) => $"{elementType}[{new string(',', shape.Rank - 1)}]";

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetByReferenceType(string elementType) => elementType;

            public string GetPointerType(string elementType) => elementType + "*";

            public string GetPinnedType(string elementType) => elementType;

            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

            public string GetFunctionPointerType(MethodSignature<string> signature) => "delegate*";

            public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

            public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

            public string GetSentinelType() => "";
        }
    }
}
