namespace Fieldlink.Server.Model;

/// <summary>One page of a list's rows, and how many records match its filters in all.</summary>
public sealed record RecordPage<TRow>(IReadOnlyList<TRow> Rows, long Total);
