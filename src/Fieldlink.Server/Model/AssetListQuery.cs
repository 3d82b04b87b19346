namespace Fieldlink.Server.Model;

/// <summary>
/// What the customer assets page asks for: one account's assets, or only those with open alerts; a search in the name,
/// serial number and location; sort; page.
/// </summary>
public sealed record AssetListQuery : ListQuery
{
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        [nameof(AssetRow.Name)] = "name",
        [nameof(AssetRow.SerialNumber)] = "serialNumber",
        [nameof(AssetRow.ActiveAlertCount)] = "activeAlertCount",
        [nameof(AssetRow.LastAlertAt)] = "lastAlertAt",
    };

    public Guid? AccountId { get; init; }

    /// <summary>Only assets with at least one parent alert that is not closed.</summary>
    public bool WithOpenAlertsOnly { get; init; }

    protected override IReadOnlyDictionary<string, string> SortFields => Sorts;

    protected override IReadOnlyList<string> SearchFields { get; } = ["name", "serialNumber", "location"];

    protected override IEnumerable<string> Filters()
    {
        if (AccountId is { } account)
        {
            yield return $"accountId eq {account}";
        }

        if (WithOpenAlertsOnly)
        {
            yield return "activeAlertCount gt 0";
        }
    }
}
