namespace Fieldlink.Server.Model;

/// <summary>One page of a list (alerts, devices, records, a device's histories) and how many rows match in all.</summary>
public sealed record ListPage<TRow>(IReadOnlyList<TRow> Rows, long Total);
