using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.Collections;

/// <summary>The JSON field names of a response record, as $select may name them.</summary>
public static class FieldNames
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyCollection<string>> Cache = new();

    public static IReadOnlyCollection<string> Of<T>() => Cache.GetOrAdd(typeof(T), type => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .ToHashSet(StringComparer.Ordinal));
}
