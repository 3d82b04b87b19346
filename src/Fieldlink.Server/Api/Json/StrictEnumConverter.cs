using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// Enums as their names (<c>"Registered"</c>), case-insensitive on input, never as numbers; an unknown value
/// fails with a message that lists the values that are allowed.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum;
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class EnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String
                && reader.GetString() is { } text
                && !int.TryParse(text, out _)
                && Enum.TryParse<T>(text, ignoreCase: true, out var value)
                && Enum.IsDefined(value))
            {
                return value;
            }

            var shown = reader.TokenType == JsonTokenType.String ? $"'{reader.GetString()}'" : "The value";
            throw new JsonException($"{shown} is not one of: {string.Join(", ", Enum.GetNames<T>())}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
