namespace Fieldlink.Server.Model;

/// <summary>One page of the alerts list and how many alerts match in all.</summary>
public sealed record AlertPage(IReadOnlyList<AlertRow> Rows, long Total);
