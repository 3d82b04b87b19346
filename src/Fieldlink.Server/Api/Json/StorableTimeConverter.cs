using System.Text.Json;
using System.Text.Json.Serialization;
using Fieldlink.Core.Validation;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// Every time a body carries is held to <see cref="StorableValues.TimeProblem"/> as it is read (2000-01-01 to
/// 2200-01-01), so no time a database cannot keep, or a clock that was never set, gets past the JSON layer.
/// </summary>
public sealed class StorableTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The reader's own refusal of a non-string or a malformed time is worded by the serializer, with the path.
        var value = reader.GetDateTimeOffset();
        return StorableValues.TimeProblem(value) is { } problem ? throw new JsonException($"The value {problem}") : value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
