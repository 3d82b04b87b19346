namespace Fieldlink.Server.Model;

/// <summary>One row of the device categories list: the category's name and how much it defines, and how many devices are in it.</summary>
public sealed record CategoryRow(Guid Id, string Name, string? Description, int MeasureCount, int CommandCount, int TileCount, int DeviceCount);
