namespace Fieldlink.Server.Api.Devices;

/// <summary>One tile's value: its definition, label, value (null when its window holds no data), unit, and window.</summary>
public sealed record TileValueRead(TileWrite Tile, string Label, double? Value, string? Unit, DateTimeOffset From, DateTimeOffset To);
