using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.Json;

/// <summary>The API's JSON conventions: camelCase, enums as names, ISO 8601 durations, unknown fields refused.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new StrictEnumConverter());
        options.Converters.Add(new IsoDurationConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
