namespace Fieldlink.Core.Ingestion;

/// <summary>What became of one ingested item, in the order the items came.</summary>
/// <param name="Status">Stored, unknown device, or invalid.</param>
/// <param name="Errors">For an invalid item, the messages per field (e.g. <c>values.temperature</c>); otherwise null.</param>
/// <param name="RecordId">For an alert, the alert that stands for it (the new one, or the earlier one for a duplicate).</param>
/// <param name="ParentId">For an alert that joined a group, the group's parent.</param>
public sealed record IngestionOutcome(IngestionStatus Status, IReadOnlyDictionary<string, string[]>? Errors = null, Guid? RecordId = null, Guid? ParentId = null)
{
    public static IngestionOutcome Stored { get; } = new(IngestionStatus.Stored);

    public static IngestionOutcome UnknownDevice { get; } = new(IngestionStatus.UnknownDevice);

    public static IngestionOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(IngestionStatus.Invalid, errors);

    public static IngestionOutcome Invalid(string field, string message) =>
        new(IngestionStatus.Invalid, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>How many of <paramref name="outcomes"/> were stored, for unknown devices, and invalid.</summary>
    public static (int Stored, int UnknownDevice, int Invalid) Count(IEnumerable<IngestionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int stored = 0, unknown = 0, invalid = 0;
        foreach (var outcome in outcomes)
        {
            switch (outcome.Status)
            {
                case IngestionStatus.Stored or IngestionStatus.Created: stored++; break;
                case IngestionStatus.UnknownDevice: unknown++; break;
                case IngestionStatus.Invalid: invalid++; break;
                default: break;
            }
        }

        return (stored, unknown, invalid);
    }
}
