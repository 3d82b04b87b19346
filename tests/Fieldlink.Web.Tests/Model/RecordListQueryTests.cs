using Fieldlink.Core.Assets;
using Fieldlink.Core.Cases;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// The queries of the accounts, customer assets, cases and work orders pages, without a browser: the OData options they
/// build, and that the API's collection layer takes them (sorting by every column they offer to sort).
/// </summary>
public sealed class RecordListQueryTests
{
    [Fact]
    public void Cases_filters_search_sort_and_page_become_query_options_the_collection_layer_accepts()
    {
        var asset = Guid.NewGuid();
        var options = new CaseListQuery
        {
            Status = CaseStatus.Resolved,
            Priority = CasePriority.High,
            CustomerAssetId = asset,
            Search = " CAS-0'1 ",
            SortBy = nameof(CaseRow.Priority),
            Descending = true,
            Page = 3,
            PageSize = 10,
        }.ToQueryOptions();

        Assert.Equal(
            $"status eq 'Resolved' and priority eq 'High' and customerAssetId eq {asset} and (contains(tolower(number),'cas-0''1') or contains(tolower(title),'cas-0''1'))",
            options["$filter"]);
        Assert.Equal("priority desc", options["$orderby"]);
        Assert.Equal("30", options["$skip"]);
        Assert.Equal("10", options["$top"]);
        Assert.Equal("true", options["$count"]);
        AssertParses<Case>(options, "cases");
    }

    [Fact]
    public void An_unfiltered_list_has_no_filter_and_the_collections_default_order()
    {
        var options = new AccountListQuery().ToQueryOptions();

        Assert.False(options.ContainsKey("$filter"));
        Assert.False(options.ContainsKey("$orderby"));
        Assert.Equal("0", options["$skip"]);
        Assert.Equal("25", options["$top"]);
        AssertParses<Account>(options, "accounts");
    }

    [Fact]
    public void Assets_of_one_account_with_open_alerts_only()
    {
        var account = Guid.NewGuid();
        var options = new AssetListQuery { AccountId = account, WithOpenAlertsOnly = true, Search = "Chiller" }.ToQueryOptions();

        Assert.Equal(
            $"accountId eq {account} and activeAlertCount gt 0 and (contains(tolower(name),'chiller') or contains(tolower(serialNumber),'chiller') or contains(tolower(location),'chiller'))",
            options["$filter"]);
        AssertParses<CustomerAsset>(options, "customerAssets");
    }

    [Fact]
    public void Work_orders_of_a_case_in_a_status()
    {
        var caseId = Guid.NewGuid();
        var options = new WorkOrderListQuery { Status = WorkOrderStatus.InProgress, CaseId = caseId }.ToQueryOptions();

        Assert.Equal($"status eq 'InProgress' and caseId eq {caseId}", options["$filter"]);
        AssertParses<WorkOrder>(options, "workOrders");
    }

    public static TheoryData<string, bool> CaseColumns() => new()
    {
        { nameof(CaseRow.Number), true },
        { nameof(CaseRow.Title), true },
        { nameof(CaseRow.Status), true },
        { nameof(CaseRow.Priority), true },
        { nameof(CaseRow.CreatedAt), true },
        { nameof(CaseRow.Alert), false },
        { nameof(CaseRow.Device), false },
        { nameof(CaseRow.CustomerAsset), false },
    };

    [Theory]
    [MemberData(nameof(CaseColumns))]
    public void Cases_sort_in_the_database_only_by_their_own_fields(string property, bool sortable)
    {
        var query = new CaseListQuery { SortBy = property };

        Assert.Equal(sortable, query.CanSortBy(property));
        var options = query.ToQueryOptions();
        Assert.Equal(sortable, options.ContainsKey("$orderby"));
        AssertParses<Case>(options, "cases");
    }

    [Theory]
    [InlineData(nameof(AssetRow.Name))]
    [InlineData(nameof(AssetRow.SerialNumber))]
    [InlineData(nameof(AssetRow.ActiveAlertCount))]
    [InlineData(nameof(AssetRow.LastAlertAt))]
    public void Every_sortable_asset_column_sorts_through_the_collection_layer(string property)
    {
        var options = new AssetListQuery { SortBy = property, Descending = true }.ToQueryOptions();

        Assert.EndsWith(" desc", options["$orderby"], StringComparison.Ordinal);
        AssertParses<CustomerAsset>(options, "customerAssets");
    }

    [Theory]
    [InlineData(nameof(WorkOrderRow.Number))]
    [InlineData(nameof(WorkOrderRow.Status))]
    [InlineData(nameof(WorkOrderRow.Incident))]
    [InlineData(nameof(WorkOrderRow.CreatedAt))]
    public void Every_sortable_work_order_column_sorts_through_the_collection_layer(string property)
    {
        var options = new WorkOrderListQuery { SortBy = property, Search = "pump" }.ToQueryOptions();

        Assert.True(options.ContainsKey("$orderby"));
        AssertParses<WorkOrder>(options, "workOrders");
    }

    private static void AssertParses<TEntity>(Dictionary<string, string> options, string collection)
    {
        var errors = new FieldErrors();
        CollectionQuery.Parse<TEntity>(new QueryCollection(options.ToDictionary(o => o.Key, o => new StringValues(o.Value))), collection, [], errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
    }
}
