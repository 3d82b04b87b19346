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
