using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// The API's JSON conventions: camelCase, enums as names, ISO 8601 durations, unknown fields and repeated fields
/// refused, every string, number and time held to <see cref="Core.Validation.StorableValues"/> as it is read, and one
/// encoder for every answer (single records and collections alike: <c>+</c> is written as <c>+</c>, not <c>\u002B</c>;
/// the answers are application/json, never embedded in HTML).
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new StrictEnumConverter());
        options.Converters.Add(new IsoDurationConverter());
        options.Converters.Add(new StorableTextConverter());
        options.Converters.Add(new FiniteNumberConverter());
        options.Converters.Add(new StorableTimeConverter());
        options.Converters.Add(new StorableJsonNodeConverter());
        options.AllowDuplicateProperties = false;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
