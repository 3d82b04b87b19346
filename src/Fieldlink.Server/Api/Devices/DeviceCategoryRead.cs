namespace Fieldlink.Server.Api.Devices;

/// <summary>A device category as the API shows it: its measures, command definitions and summary tiles (empty: the defaults).</summary>
public sealed record DeviceCategoryRead(
    Guid Id,
    string Name,
    string? Description,
    IReadOnlyList<MeasureWrite> Measures,
    IReadOnlyList<CommandDefinitionWrite?> Commands,
    IReadOnlyList<TileWrite?> Tiles,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
