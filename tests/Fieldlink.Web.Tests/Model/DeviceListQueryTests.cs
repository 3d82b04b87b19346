using Fieldlink.Sdk;
using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

public sealed class DeviceListQueryTests
{
    [Fact]
    public void Unfiltered_the_first_page_is_asked_for_with_its_count()
    {
        var options = new DeviceListQuery().ToQueryOptions();

        Assert.False(options.ContainsKey("$filter"));
        Assert.False(options.ContainsKey("$orderby"));
        Assert.Equal("0", options["$skip"]);
        Assert.Equal("25", options["$top"]);
        Assert.Equal("true", options["$count"]);
    }

    [Fact]
    public void Filters_are_joined_and_the_search_looks_in_the_name_and_the_device_id_case_ignored()
    {
        var instance = Guid.NewGuid();
        var options = new DeviceListQuery
        {
            Search = "  O'Brien Pump ",
            RegistrationStatus = RegistrationStatus.Registered,
            ConnectionState = ConnectionState.Disconnected,
            ProviderInstanceId = instance,
            Page = 2,
            PageSize = 10,
        }.ToQueryOptions();

        Assert.Equal(
            $"registrationStatus eq 'Registered' and connectionState eq 'Disconnected' and providerInstanceId eq {instance} and "
            + "(contains(tolower(name),'o''brien pump') or contains(tolower(deviceId),'o''brien pump'))",
            options["$filter"]);
        Assert.Equal("20", options["$skip"]);
        Assert.Equal("10", options["$top"]);
    }

    [Theory]
    [InlineData(nameof(DeviceRow.Name), false, "name")]
    [InlineData(nameof(DeviceRow.LastActivityAt), true, "lastActivityAt desc")]
    [InlineData(nameof(DeviceRow.ConnectionState), false, "connectionState")]
    public void A_sortable_column_orders_by_its_field(string column, bool descending, string orderBy)
    {
        Assert.True(DeviceListQuery.CanSortBy(column));
        Assert.Equal(orderBy, new DeviceListQuery { SortBy = column, Descending = descending }.ToQueryOptions()["$orderby"]);
    }

    [Fact]
    public void A_column_of_names_from_elsewhere_does_not_sort()
    {
        Assert.False(DeviceListQuery.CanSortBy(nameof(DeviceRow.ProviderInstance)));
        Assert.False(new DeviceListQuery { SortBy = nameof(DeviceRow.ProviderInstance) }.ToQueryOptions().ContainsKey("$orderby"));
    }
}
