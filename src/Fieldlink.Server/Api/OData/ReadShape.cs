using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fieldlink.Server.Api.Json;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace Fieldlink.Server.Api.OData;

/// <summary>
/// The fields of an answer record (<c>DeviceRead</c>) as the API's JSON serializer writes them: name, CLR type and
/// nullability. <see cref="ODataModel"/> declares each collection from it, so <c>$metadata</c> says what answers carry.
/// </summary>
public sealed class ReadShape(Type read)
{
    /// <summary>The API's serializer options, with the reflection metadata they serialize by (the API's own leave it implicit).</summary>
    private static readonly JsonSerializerOptions Metadata = new(ApiJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public IReadOnlyList<JsonPropertyInfo> Fields { get; } = Metadata.GetTypeInfo(read).Properties.ToList();

    public JsonPropertyInfo? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The JSON name of a CLR property, as the API writes it (camelCase).</summary>
    public static string FieldName(string clrName) => JsonNamingPolicy.CamelCase.ConvertName(clrName);

    /// <summary>Whether a stored column and an answer's field hold the same kind of value (a list of strings as any list of strings).</summary>
    public static bool SameType(Type stored, Type shown)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(shown);
        stored = Nullable.GetUnderlyingType(stored) ?? stored;
        shown = Nullable.GetUnderlyingType(shown) ?? shown;
        return stored == shown || (ElementOf(stored) is { } storedElement && storedElement == ElementOf(shown));
    }

    /// <summary>
    /// The EDM type of a field: a primitive, one of the model's enum types, a collection of those; a JSON document or
    /// a nested record or a list of them is <c>Edm.Untyped</c> (its shape is the field's own, documented in the OpenAPI document).
    /// </summary>
    public static IEdmTypeReference EdmTypeOf(EdmModel model, JsonPropertyInfo field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return EdmTypeOf(model, field.PropertyType, field.IsGetNullable);
    }

    private static IEdmTypeReference EdmTypeOf(EdmModel model, Type type, bool nullable)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (Primitive(plain) is { } kind)
        {
            return EdmCoreModel.Instance.GetPrimitive(kind, nullable);
        }

        if (plain.IsEnum)
        {
            return new EdmEnumTypeReference(EnumType(model, plain), nullable);
        }

        // A list of values is a collection; a list of records (a category's measures) is a document like any other.
        if (!typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(plain) && ElementOf(plain) is { } element
            && (Primitive(Nullable.GetUnderlyingType(element) ?? element) is not null || (Nullable.GetUnderlyingType(element) ?? element).IsEnum))
        {
            return EdmCoreModel.GetCollection(EdmTypeOf(model, element, Nullable.GetUnderlyingType(element) is not null || !element.IsValueType));
        }

        return new EdmUntypedTypeReference(EdmCoreModel.Instance.GetUntypedType(), nullable);
    }

    private static EdmPrimitiveTypeKind? Primitive(Type type) => type switch
    {
        _ when type == typeof(string) => EdmPrimitiveTypeKind.String,
        _ when type == typeof(Guid) => EdmPrimitiveTypeKind.Guid,
        _ when type == typeof(bool) => EdmPrimitiveTypeKind.Boolean,
        _ when type == typeof(int) => EdmPrimitiveTypeKind.Int32,
        _ when type == typeof(long) => EdmPrimitiveTypeKind.Int64,
        _ when type == typeof(double) => EdmPrimitiveTypeKind.Double,
        _ when type == typeof(decimal) => EdmPrimitiveTypeKind.Decimal,
        _ when type == typeof(DateTimeOffset) => EdmPrimitiveTypeKind.DateTimeOffset,
        _ when type == typeof(TimeSpan) => EdmPrimitiveTypeKind.Duration,
        _ => null,
    };

    /// <summary>The model's enum type for <paramref name="clr"/>, declared when the stored records had none.</summary>
    private static IEdmEnumType EnumType(EdmModel model, Type clr)
    {
        if (model.SchemaElements.OfType<IEdmEnumType>().FirstOrDefault(t => model.GetAnnotationValue<ClrTypeAnnotation>(t)?.ClrType == clr) is { } known)
        {
            return known;
        }

        var type = new EdmEnumType("Fieldlink", clr.Name);
        foreach (var name in Enum.GetNames(clr))
        {
            type.AddMember(name, new EdmEnumMemberValue(Convert.ToInt64(Enum.Parse(clr, name), System.Globalization.CultureInfo.InvariantCulture)));
        }

        model.AddElement(type);
        model.SetAnnotationValue(type, new ClrTypeAnnotation(clr));
        return type;
    }

    private static Type? ElementOf(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
