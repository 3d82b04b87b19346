using System.Globalization;
using System.Text.Json;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// The suite's result: one line per figure (<c>name fieldlink baseline ratio unit</c>) and the same as JSON,
/// <c>{"figures": [{"name", "fieldlink", "baseline", "ratio", "unit"}]}</c>, a figure that is not a number written null.
/// </summary>
public static class SuiteReport
{
    public static void WriteLines(TextWriter output, IEnumerable<SuiteFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(figures);
        foreach (var figure in figures)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{figure.Name} {Number(figure.Fieldlink)} {Number(figure.Baseline)} {Number(figure.Ratio)} {figure.Unit}"));
        }
    }

    public static string Json(IEnumerable<SuiteFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("figures");
            foreach (var figure in figures)
            {
                json.WriteStartObject();
                json.WriteString("name", figure.Name);
                WriteNumber(json, "fieldlink", figure.Fieldlink);
                WriteNumber(json, "baseline", figure.Baseline);
                WriteNumber(json, "ratio", figure.Ratio);
                json.WriteString("unit", figure.Unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Three significant figures at least, no thousands separators: a line a script splits on spaces.</summary>
    private static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value, Math.Abs(value) >= 100 ? 0 : 3).ToString("0.###", CultureInfo.InvariantCulture) : "NaN";

    /// <summary>JSON has no NaN or infinity: such a figure (a baseline of 0, a run that measured nothing) is null.</summary>
    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
