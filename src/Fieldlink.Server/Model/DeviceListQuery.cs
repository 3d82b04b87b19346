using System.Globalization;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the devices page asks for — its filters, the grid's sort and page — written as the OData query options the
/// API's collections read, so the page and <c>GET /api/v1/devices</c> filter and page through the same code.
/// </summary>
public sealed record DeviceListQuery
{
    /// <summary>The grid columns that sort in the database, by the row property the grid names, to the API's field.</summary>
    private static readonly Dictionary<string, string> SortFields = new(StringComparer.Ordinal)
    {
        [nameof(DeviceRow.Name)] = "name",
        [nameof(DeviceRow.DeviceId)] = "deviceId",
        [nameof(DeviceRow.RegistrationStatus)] = "registrationStatus",
        [nameof(DeviceRow.ConnectionState)] = "connectionState",
        [nameof(DeviceRow.LastActivityAt)] = "lastActivityAt",
    };

    /// <summary>Text to find in the device's name or its id in the provider's system; case is ignored.</summary>
    public string? Search { get; init; }

    public RegistrationStatus? RegistrationStatus { get; init; }

    public ConnectionState? ConnectionState { get; init; }

    public Guid? ProviderInstanceId { get; init; }

    /// <summary>The row property the grid sorts by (null: by name), and whether descending.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>Whether the grid may sort by the column of this row property.</summary>
    public static bool CanSortBy(string property) => SortFields.ContainsKey(property);

    /// <summary>The query options: <c>$filter</c> (when filtered), <c>$orderby</c>, <c>$skip</c>, <c>$top</c>, <c>$count</c>.</summary>
    public Dictionary<string, string> ToQueryOptions()
    {
        var filters = new List<string>();
        if (RegistrationStatus is { } registration)
        {
            filters.Add($"registrationStatus eq '{registration}'");
        }

        if (ConnectionState is { } connection)
        {
            filters.Add($"connectionState eq '{connection}'");
        }

        if (ProviderInstanceId is { } instance)
        {
            filters.Add($"providerInstanceId eq {instance}");
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = CollectionOptions.Literal(Search.Trim().ToLowerInvariant());
            filters.Add($"(contains(tolower(name),{text}) or contains(tolower(deviceId),{text}))");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["$skip"] = (Math.Max(Page, 0) * PageSize).ToString(CultureInfo.InvariantCulture),
            ["$top"] = PageSize.ToString(CultureInfo.InvariantCulture),
            ["$count"] = "true",
        };
        if (filters.Count > 0)
        {
            options["$filter"] = string.Join(" and ", filters);
        }

        if (SortBy is not null && SortFields.TryGetValue(SortBy, out var field))
        {
            options["$orderby"] = Descending ? $"{field} desc" : field;
        }

        return options;
    }
}
