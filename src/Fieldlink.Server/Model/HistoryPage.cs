namespace Fieldlink.Server.Model;

/// <summary>One page of a device's history (commands, registrations or data pulls), newest first, and how many there are.</summary>
public sealed record HistoryPage<TRow>(IReadOnlyList<TRow> Rows, long Total);
