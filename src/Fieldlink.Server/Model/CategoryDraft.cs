using System.Text.RegularExpressions;
using Fieldlink.Server.Api.Devices;

namespace Fieldlink.Server.Model;

/// <summary>
/// A device category as its form edits it — name, description, measures, command definitions, summary tiles — read at
/// <see cref="Version"/>, and written back whole as the resource's <see cref="DeviceCategoryWrite"/>, so the form is
/// checked by the same code as <c>PATCH /api/v1/deviceCategories/{id}</c>.
/// </summary>
public sealed partial class CategoryDraft
{
    public Guid Id { get; init; }

    /// <summary>The version the form was read at: a save is refused if the category changed since.</summary>
    public long Version { get; init; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<MeasureDraft> Measures { get; init; } = [];

    public List<CommandDefinitionDraft> Commands { get; init; } = [];

    public List<TileDraft> Tiles { get; init; } = [];

    /// <summary>The names of the measures as typed so far, for the tiles' measure choice.</summary>
    public IReadOnlyList<string> MeasureNames =>
        [.. Measures.Select(m => m.Name?.Trim()).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The form of a category as the resource writes it; tiles in the order of their positions.</summary>
    public static CategoryDraft From(Guid id, long version, DeviceCategoryWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new()
        {
            Id = id,
            Version = version,
            Name = write.Name,
            Description = write.Description,
            Measures = [.. (write.Measures ?? []).Select(MeasureDraft.From)],
            Commands = [.. (write.Commands ?? []).OfType<CommandDefinitionWrite>().Select(CommandDefinitionDraft.From)],
            Tiles = [.. (write.Tiles ?? []).OfType<TileWrite>().Select((t, i) => (Tile: t, Place: i)).OrderBy(t => t.Tile.Position ?? t.Place).ThenBy(t => t.Place).Select(t => TileDraft.From(t.Tile))],
        };
    }

    public DeviceCategoryWrite ToWrite() => new(
        Name,
        Description,
        [.. Measures.Select(m => m.ToWrite())],
        [.. Commands.Select(c => c.ToWrite())],
        [.. Tiles.Select((t, i) => t.ToWrite(i))]);

    /// <summary>
    /// Whether the form shows <paramref name="field"/> on an input of its own: the name, the description, and each field of a
    /// measure, command, top-level parameter or tile row that exists. Anything else (a list's limit, an Object parameter's
    /// children) is listed above the form.
    /// </summary>
    public bool Shows(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field is "name" or "description")
        {
            return true;
        }

        var match = RowField().Match(field);
        if (!match.Success)
        {
            return false;
        }

        var row = int.Parse(match.Groups["row"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups["list"].Value switch
        {
            "measures" when !match.Groups["param"].Success => row < Measures.Count && match.Groups["field"].Value is "name" or "unit" or "low" or "high" or "hysteresis",
            "tiles" when !match.Groups["param"].Success => row < Tiles.Count && match.Groups["field"].Value is "source" or "measure" or "aggregation" or "timeRange" or "timeUnit",
            "commands" when match.Groups["param"].Success => row < Commands.Count
                && int.Parse(match.Groups["param"].Value, System.Globalization.CultureInfo.InvariantCulture) < Commands[row].Parameters.Count
                && match.Groups["field"].Value is "name" or "type" or "unit" or "required" or "editable" or "visible" or "default",
            "commands" => row < Commands.Count && match.Groups["field"].Value is "name" or "description",
            _ => false,
        };
    }

    [GeneratedRegex(@"^(?<list>measures|commands|tiles)\[(?<row>\d+)\](\.parameters\[(?<param>\d+)\])?\.(?<field>[A-Za-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RowField();
}
