namespace Fieldlink.Server.Api.Devices;

/// <summary>The writable fields of a device category.</summary>
public sealed record DeviceCategoryWrite(
    string? Name,
    string? Description,
    IReadOnlyList<MeasureWrite>? Measures,
    IReadOnlyList<CommandDefinitionWrite?>? Commands = null,
    IReadOnlyList<TileWrite?>? Tiles = null);
