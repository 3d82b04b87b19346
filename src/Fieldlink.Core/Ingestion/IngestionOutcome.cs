namespace Fieldlink.Core.Ingestion;

/// <summary>What became of one ingested item, in the order the items came.</summary>
/// <param name="Status">Stored, unknown device, or invalid.</param>
/// <param name="Errors">For an invalid item, the messages per field (e.g. <c>values.temperature</c>); otherwise null.</param>
public sealed record IngestionOutcome(IngestionStatus Status, IReadOnlyDictionary<string, string[]>? Errors = null)
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
                case IngestionStatus.Stored: stored++; break;
                case IngestionStatus.UnknownDevice: unknown++; break;
                default: invalid++; break;
            }
        }

        return (stored, unknown, invalid);
    }
}
