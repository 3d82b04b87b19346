using System.Globalization;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the dead letters page asks for: one provider instance or all, a source (its text, e.g. an MQTT topic or the
/// ingestion that refused it), a time range of receipt, a search in the reason and device; newest first.
/// </summary>
public sealed record DeadLetterListQuery : ListQuery
{
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        [nameof(DeadLetterRow.ReceivedAt)] = "receivedAt",
        [nameof(DeadLetterRow.Source)] = "source",
    };

    public Guid? ProviderInstanceId { get; init; }

    /// <summary>Text the source holds, case ignored.</summary>
    public string? Source { get; init; }

    /// <summary>Received at or after.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Received before.</summary>
    public DateTimeOffset? To { get; init; }

    protected override IReadOnlyDictionary<string, string> SortFields => Sorts;

    protected override IReadOnlyList<string> SearchFields { get; } = ["reason", "deviceId"];

    protected override IEnumerable<string> Filters()
    {
        if (ProviderInstanceId is { } instance)
        {
            yield return $"providerInstanceId eq {instance}";
        }

        if (!string.IsNullOrWhiteSpace(Source))
        {
            yield return $"contains(tolower(source),{Literal(Source.Trim().ToLowerInvariant())})";
        }

        if (From is { } from)
        {
            yield return $"receivedAt ge {Time(from)}";
        }

        if (To is { } to)
        {
            yield return $"receivedAt lt {Time(to)}";
        }
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
