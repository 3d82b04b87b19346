using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Data;

/// <summary>
/// Stores a property as one JSON document in a text column (camelCase, enums by name); a null property is a NULL
/// column. For shapes owned JSON types cannot map, such as recursive ones.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var comparer = new ValueComparer<T>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => Deserialize<T>(Serialize(v)));
        builder.HasConversion(v => Serialize(v), v => Deserialize<T>(v), comparer);
        return builder;
    }

    // Internal, not private: the stores' compiled models (CompiledModel/) call them as the converter's lambdas do.
    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    internal static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
