using System.Text.Json;
using System.Text.Json.Serialization;
using Fieldlink.Core.Validation;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// Numbers read must be finite (<see cref="StorableValues.NumberProblem"/>); numbers written always are valid JSON:
/// an infinity (which no stored reading should fold into, see <c>ReadingSums</c>) is written as the largest finite
/// number of its sign, and NaN as null, rather than failing the whole answer.
/// </summary>
public sealed class FiniteNumberConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            // The reader's own refusal, which the serializer words as "could not be converted" with the path.
            return reader.GetDouble();
        }

        return reader.TryGetDouble(out var value) && StorableValues.NumberProblem(value) is null
            ? value
            : throw new JsonException($"The value {StorableValues.NumberProblem(double.PositiveInfinity)}");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsNaN(value))
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(Math.Clamp(value, double.MinValue, double.MaxValue));
        }
    }
}
