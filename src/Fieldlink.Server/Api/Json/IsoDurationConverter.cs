using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Fieldlink.Server.Api.Json;

/// <summary>Durations as ISO 8601 (<c>"PT5M"</c>), as the API's intervals and windows are written.</summary>
public sealed class IsoDurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text)
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                // Falls through to the error below, which says what is expected.
            }
        }

        throw new JsonException("The value must be an ISO 8601 duration such as 'PT5M' or 'PT1H', of at most about 29,000 years.");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(XmlConvert.ToString(value));
    }
}
