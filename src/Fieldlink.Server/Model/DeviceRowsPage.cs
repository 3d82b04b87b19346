namespace Fieldlink.Server.Model;

/// <summary>One page of the devices list and how many devices match in all.</summary>
public sealed record DeviceRowsPage(IReadOnlyList<DeviceRow> Rows, long Total);
