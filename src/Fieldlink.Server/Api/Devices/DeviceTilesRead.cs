using Fieldlink.Core.Devices;

namespace Fieldlink.Server.Api.Devices;

/// <summary>The current values of a device's summary tiles, and whose tiles they are (Device, Category or Default).</summary>
public sealed record DeviceTilesRead(Guid DeviceId, TileOrigin Origin, IReadOnlyList<TileValueRead> Tiles)
{
    public static DeviceTilesRead From(Guid deviceId, TileOrigin origin, IReadOnlyList<TileValue> values) =>
        new(deviceId, origin, [.. values.Select(v => new TileValueRead(DefinitionWrites.FromTiles([v.Tile])[0]!, v.Label, v.Value, v.Unit, v.From, v.To))]);
}
