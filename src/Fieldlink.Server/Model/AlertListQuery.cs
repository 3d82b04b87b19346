using System.Globalization;
using Fieldlink.Core.Alerts;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the alerts page asks for — its filters, the grid's sort and page — written as the OData query options the API's
/// collections read, so the page and <c>GET /api/v1/alerts</c> filter and page through the same code.
/// </summary>
public sealed record AlertListQuery
{
    /// <summary>The grid columns that sort in the database, by the row property the grid names, to the API's field.</summary>
    private static readonly Dictionary<string, string> SortFields = new(StringComparer.Ordinal)
    {
        [nameof(AlertRow.AlertTime)] = "alertTime",
        [nameof(AlertRow.Device)] = "deviceId",
        [nameof(AlertRow.AlertType)] = "alertType",
        [nameof(AlertRow.Description)] = "description",
        [nameof(AlertRow.ChildCount)] = "childCount",
        [nameof(AlertRow.Status)] = "status",
    };

    public AlertStatus? Status { get; init; }

    public AlertType? Type { get; init; }

    /// <summary>Only the alerts of this provider (every instance of it).</summary>
    public Guid? ProviderId { get; init; }

    /// <summary>Only the alerts of this account.</summary>
    public Guid? AccountId { get; init; }

    /// <summary>Only the alerts of this customer asset.</summary>
    public Guid? CustomerAssetId { get; init; }

    /// <summary>Only the alerts at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only the alerts before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Text to find in the description, the device's id or the device's name; case is ignored.</summary>
    public string? Search { get; init; }

    /// <summary>The devices whose name holds <see cref="Search"/>, found beforehand (the alert holds no device name).</summary>
    public IReadOnlyList<Guid> DevicesNamedLikeSearch { get; init; } = [];

    /// <summary>The row property the grid sorts by (null: newest first), and whether descending.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    /// <summary>
    /// The order backwards (the id's tie-break too, see <see cref="AlertList"/>): a page near the end is read as the
    /// mirrored page near the start, which the database finds by an index instead of skipping most of the list.
    /// </summary>
    public bool Backwards { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>Whether the grid may sort by the column of this row property.</summary>
    public static bool CanSortBy(string property) => SortFields.ContainsKey(property);

    /// <summary>The query options: <c>$filter</c> (parent alerts only), <c>$orderby</c>, <c>$skip</c>, <c>$top</c>, <c>$count</c>.</summary>
    public Dictionary<string, string> ToQueryOptions()
    {
        var filters = new List<string> { "parentAlertId eq null" };
        if (Status is { } status)
        {
            filters.Add($"status eq '{status}'");
        }

        if (Type is { } type)
        {
            filters.Add($"alertType eq '{type}'");
        }

        if (ProviderId is { } provider)
        {
            filters.Add($"providerId eq {provider}");
        }

        if (AccountId is { } account)
        {
            filters.Add($"accountId eq {account}");
        }

        if (CustomerAssetId is { } asset)
        {
            filters.Add($"customerAssetId eq {asset}");
        }

        if (From is { } from)
        {
            filters.Add($"alertTime ge {Time(from)}");
        }

        if (To is { } to)
        {
            filters.Add($"alertTime lt {Time(to)}");
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Literal(Search.Trim().ToLowerInvariant());
            var any = $"contains(tolower(description),{text}) or contains(tolower(deviceId),{text})";
            if (DevicesNamedLikeSearch.Count > 0)
            {
                any += $" or deviceRecordId in ({string.Join(',', DevicesNamedLikeSearch.Select(id => id.ToString()))})";
            }

            filters.Add($"({any})");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["$filter"] = string.Join(" and ", filters),
            ["$skip"] = (Math.Max(Page, 0) * PageSize).ToString(CultureInfo.InvariantCulture),
            ["$top"] = PageSize.ToString(CultureInfo.InvariantCulture),
            ["$count"] = "true",
        };
        if (SortBy is not null && SortFields.TryGetValue(SortBy, out var field))
        {
            options["$orderby"] = Descending != Backwards ? $"{field} desc" : field;
        }
        else if (Backwards)
        {
            options["$orderby"] = "alertTime"; // the default order (newest first), backwards
        }

        return options;
    }

    /// <summary>The query options that find the devices whose name holds <paramref name="search"/>, case ignored.</summary>
    public static Dictionary<string, string> DevicesNamedOptions(string search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return new(StringComparer.Ordinal) { ["$filter"] = $"contains(tolower(name),{Literal(search.Trim().ToLowerInvariant())})" };
    }

    /// <summary>An OData date-time literal, in UTC to the millisecond: 2026-11-30T09:15:02.000Z.</summary>
    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An OData string literal: quoted, with its quotes doubled.</summary>
    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
