using Fieldlink.Core.Alerts;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fieldlink.Web.Tests.Model;

/// <summary>The alerts page's query, without a browser: the options it builds and that the API's parser takes them.</summary>
public sealed class AlertListQueryTests
{
    [Fact]
    public void Default_asks_for_the_first_page_of_parent_alerts_in_the_default_order_with_a_count()
    {
        var options = new AlertListQuery().ToQueryOptions();

        Assert.Equal("parentAlertId eq null", options["$filter"]);
        Assert.Equal("0", options["$skip"]);
        Assert.Equal("25", options["$top"]);
        Assert.Equal("true", options["$count"]);
        Assert.False(options.ContainsKey("$orderby"));
        AssertParses(options);
    }

    [Fact]
    public void Filters_page_and_sort_become_query_options_the_collection_layer_accepts()
    {
        var device = Guid.NewGuid();
        var options = new AlertListQuery
        {
            Status = AlertStatus.InProgress,
            Type = AlertType.PreventiveMaintenance,
            Search = "  O'Brien Pump ",
            DevicesNamedLikeSearch = [device],
            SortBy = nameof(AlertRow.Status),
            Descending = true,
            Page = 2,
            PageSize = 10,
        }.ToQueryOptions();

        Assert.Equal(
            $"parentAlertId eq null and status eq 'InProgress' and alertType eq 'PreventiveMaintenance' and (contains(tolower(description),'o''brien pump') or contains(tolower(deviceId),'o''brien pump') or deviceRecordId in ({device}))",
            options["$filter"]);
        Assert.Equal("20", options["$skip"]);
        Assert.Equal("10", options["$top"]);
        Assert.Equal("status desc", options["$orderby"]);
        AssertParses(options);
    }

    [Fact]
    public void Provider_filter_is_the_alerts_providerId()
    {
        var provider = Guid.NewGuid();
        var options = new AlertListQuery { ProviderId = provider }.ToQueryOptions();

        Assert.Equal($"parentAlertId eq null and providerId eq {provider}", options["$filter"]);
        AssertParses(options);
    }

    [Fact]
    public void Account_filter_is_the_alerts_accountId()
    {
        var account = Guid.NewGuid();
        var options = new AlertListQuery { AccountId = account }.ToQueryOptions();

        Assert.Equal($"parentAlertId eq null and accountId eq {account}", options["$filter"]);
        AssertParses(options);
    }

    [Fact]
    public void Customer_asset_filter_is_the_alerts_customerAssetId()
    {
        var asset = Guid.NewGuid();
        var options = new AlertListQuery { CustomerAssetId = asset }.ToQueryOptions();

        Assert.Equal($"parentAlertId eq null and customerAssetId eq {asset}", options["$filter"]);
        AssertParses(options);
    }

    [Fact]
    public void Time_range_is_from_inclusive_to_exclusive_in_UTC()
    {
        // Times a person typed in Berlin (UTC+1 in winter) arrive as instants; the filter names them in UTC.
        var options = new AlertListQuery
        {
            From = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1)),
            To = new DateTimeOffset(2026, 11, 30, 10, 30, 0, TimeSpan.FromHours(1)),
        }.ToQueryOptions();

        Assert.Equal("parentAlertId eq null and alertTime ge 2026-11-30T08:00:00.000Z and alertTime lt 2026-11-30T09:30:00.000Z", options["$filter"]);
        AssertParses(options);
    }

    [Fact]
    public void All_filters_together_parse()
    {
        AssertParses(new AlertListQuery
        {
            Status = AlertStatus.Active,
            Type = AlertType.Anomaly,
            Search = "pump",
            ProviderId = Guid.NewGuid(),
            AccountId = Guid.NewGuid(),
            CustomerAssetId = Guid.NewGuid(),
            From = DateTimeOffset.UtcNow.AddDays(-1),
            To = DateTimeOffset.UtcNow,
            Page = 3,
        }.ToQueryOptions());
    }

    [Fact]
    public void A_picker_finds_names_holding_the_text_ignoring_case_first_by_name()
    {
        var options = RecordNames.Options(" O'Neil ");

        Assert.Equal("contains(tolower(name),'o''neil')", options["$filter"]);
        Assert.Equal("name", options["$orderby"]);
        Assert.Equal("20", options["$top"]);
        foreach (var (type, collection) in new[] { (typeof(Fieldlink.Core.Providers.Provider), "providers"), (typeof(Fieldlink.Core.Assets.Account), "accounts"), (typeof(Fieldlink.Core.Assets.CustomerAsset), "customerAssets") })
        {
            var errors = new FieldErrors();
            typeof(CollectionQuery).GetMethod(nameof(CollectionQuery.Parse), [typeof(IQueryCollection), typeof(string), typeof(IReadOnlyCollection<string>), typeof(FieldErrors)])!
                .MakeGenericMethod(type).Invoke(null, [Query(options), collection, Array.Empty<string>(), errors]);
            Assert.True(errors.IsEmpty, collection);
        }

        Assert.False(RecordNames.Options(" ").ContainsKey("$filter"));
    }

    [Theory]
    [InlineData(nameof(AlertRow.AlertTime), true)]
    [InlineData(nameof(AlertRow.Device), true)]
    [InlineData(nameof(AlertRow.ChildCount), true)]
    [InlineData(nameof(AlertRow.Provider), false)]
    [InlineData(nameof(AlertRow.CustomerAsset), false)]
    public void Sorts_in_the_database_only_by_the_alerts_own_fields(string property, bool sortable)
    {
        Assert.Equal(sortable, AlertListQuery.CanSortBy(property));
        var options = new AlertListQuery { SortBy = property }.ToQueryOptions();
        Assert.Equal(sortable, options.ContainsKey("$orderby"));
    }

    [Fact]
    public void Device_name_search_is_a_devices_filter_ignoring_case()
    {
        var options = AlertListQuery.DevicesNamedOptions(" Boiler'S ");

        Assert.Equal("contains(tolower(name),'boiler''s')", options["$filter"]);
        var errors = new FieldErrors();
        CollectionQuery.Parse<Fieldlink.Core.Devices.Device>(Query(options), "devices", [], errors);
        Assert.True(errors.IsEmpty);
    }

    private static void AssertParses(Dictionary<string, string> options)
    {
        var errors = new FieldErrors();
        CollectionQuery.Parse<Alert>(Query(options), "alerts", FieldNames.Of<AlertRead>(), errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
    }

    private static QueryCollection Query(Dictionary<string, string> options) =>
        new(options.ToDictionary(o => o.Key, o => new StringValues(o.Value)));
}
