using System.Text.Json;
using System.Text.Json.Serialization;
using Fieldlink.Core.Validation;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// Every string a body carries, as a value or as a dictionary key, held to <see cref="StorableValues.TextProblem"/>
/// as it is read: no NUL, no unpaired surrogate, no invalid UTF-8. A refusal is a <see cref="JsonException"/>, which
/// the serializer tags with the field's path, so the client gets a 400 that names the field.
/// </summary>
public sealed class StorableTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadText(ref reader);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadText(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    /// <summary>The text of a string token, or a <see cref="JsonException"/> saying why it cannot be stored.</summary>
    public static string ReadText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            // The reader's own refusal, which the serializer words as "could not be converted" with the path.
            return reader.GetString()!;
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException(InvalidText);
        }

        return Check(text);
    }

    /// <summary><paramref name="text"/> itself, or a <see cref="JsonException"/> saying why it cannot be stored.</summary>
    public static string Check(string text) =>
        StorableValues.TextProblem(text) is { } problem ? throw new JsonException($"The value {problem}") : text;

    /// <summary>What a string that is not valid Unicode is told.</summary>
    public const string InvalidText = "The value must be valid UTF-8 text without unpaired surrogates (e.g. \\ud800 on its own).";
}
