using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Collections;

/// <summary>
/// Query options a database cannot evaluate with the values given (a division by zero, an overflow, a NUL, a time out
/// of range) are a 400 naming the option, never a 500; on both databases, since PostgreSQL raises where SQLite shrugs.
/// </summary>
public abstract class QueryInputTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Theory]
    [InlineData("length(name) div 0 eq 1")]
    [InlineData("length(name) mod 0 eq 1")]
    [InlineData("length(name) mul 2147483647 mul 2147483647 mul 2147483647 eq 1")]
    [InlineData("length(name) add 2147483647 gt 0")]
    [InlineData("substring(name,2147483647) eq 'x'")]
    [InlineData("substring(name,1,-1) eq 'x'")]
    public async Task Filter_arithmetic_the_database_refuses_is_400_naming_filter_never_500(string filter)
    {
        await Registry.ProviderAsync(_admin);

        // EF Core logs the query the database refused, at Error; the answer is what this test is about.
        using var _ = server.Log.ExpectErrors("Microsoft.EntityFrameworkCore.Query");
        var response = await _admin.GetAsync($"/api/v1/providers?$filter={Uri.EscapeDataString(filter)}");

        // SQLite answers NULL or a float where PostgreSQL raises a data exception: either is fine, a 500 is not.
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await response.ReadFieldErrorAsync("$filter");
        }
    }

    [Theory]
    [InlineData("year(createdAt) eq 2026", "year()")]
    [InlineData("hour(createdAt) gt 3", "hour()")]
    [InlineData("createdAt sub duration'P10675199D' lt 2026-01-01T00:00:00Z", "Durations")]
    [InlineData("createdAt add duration'PT1H' gt 2026-01-01T00:00:00Z", "Durations")]
    public async Task Time_functions_and_arithmetic_are_400_in_our_words_on_both_stores(string filter, string said)
    {
        var response = await _admin.GetAsync($"/api/v1/providers?$filter={Uri.EscapeDataString(filter)}");

        var message = await response.ReadFieldErrorAsync("$filter");
        Assert.Contains(said, message, StringComparison.Ordinal);
        Assert.DoesNotContain("LINQ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_inside_a_filter_literal_is_400_naming_filter()
    {
        await (await _admin.GetAsync("/api/v1/providers?$filter=name eq 'a%00b'")).ReadFieldErrorAsync("$filter");
    }

    [Theory]
    [InlineData("$filter=name eq @p&@p='x'", "$filter")]
    [InlineData("$filter=name eq @p", "$filter")]
    public async Task Parameter_aliases_are_400_naming_the_option(string query, string option)
    {
        await (await _admin.GetAsync($"/api/v1/providers?{query}")).ReadFieldErrorAsync(option);
    }

    [Fact]
    public async Task A_nul_in_a_query_parameter_or_the_path_is_400_naming_it()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/readings?measures=%00")).ReadFieldErrorAsync("measures");
        await (await _admin.GetAsync("/api/v1/devices?$select=name%00")).ReadFieldErrorAsync("$select");

        // Kestrel refuses a NUL in the path itself, before any route runs.
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/actions/re%00boot", new { })).StatusCode);
    }

    [Theory]
    [InlineData("readings", "to=0001-01-01T00:00:00Z", "to")]
    [InlineData("readings", "from=0001-01-01T00:00:00Z", "from")]
    [InlineData("readings", "to=9999-12-31T23:59:59Z", "to")]
    [InlineData("readings", "interval=P1000000Y", "interval")]
    [InlineData("events", "to=0001-01-01T00:00:00Z", "to")]
    [InlineData("events", "from=0001-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task A_readings_or_events_range_out_of_bounds_is_400_naming_the_parameter(string route, string query, string parameter)
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/{route}?{query}")).ReadFieldErrorAsync(parameter);
    }

    [Fact]
    public async Task Commands_filter_and_order_by_queued_at()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var first = await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "First" })).ReadObjectAsync(HttpStatusCode.Accepted);
        await Task.Delay(20);
        var posted = await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Second" })).ReadObjectAsync(HttpStatusCode.Accepted);

        // As stored (PostgreSQL keeps microseconds), so comparing with it is exact.
        var second = await (await _admin.GetAsync($"/api/v1/commands/{posted.Id()}")).ReadObjectAsync(HttpStatusCode.OK);

        var newestFirst = await NamesAsync($"$filter=deviceRecordId eq {device.Id()}&$orderby=queuedAt desc");
        var sinceSecond = await NamesAsync($"$filter=deviceRecordId eq {device.Id()} and queuedAt ge {(string)second["queuedAt"]!}");
        var beforeSecond = await NamesAsync($"$filter=deviceRecordId eq {device.Id()} and queuedAt lt {(string)second["queuedAt"]!}&$orderby=queuedAt");

        Assert.Equal(["Second", "First"], newestFirst);
        Assert.Equal(["Second"], sinceSecond);
        Assert.Equal([(string)first["name"]!], beforeSecond);
    }

    private async Task<List<string>> NamesAsync(string query)
    {
        var page = await (await _admin.GetAsync($"/api/v1/commands?{query.Replace("+", "%2B", StringComparison.Ordinal)}")).ReadObjectAsync(HttpStatusCode.OK);
        return page["value"]!.AsArray().Select(v => (string)v!["name"]!).ToList();
    }
}

public sealed class QueryInputOnSqliteTests(SqliteServer server) : QueryInputTests(server), IClassFixture<SqliteServer>;

public sealed class QueryInputOnPostgresTests(PostgresServer server) : QueryInputTests(server), IClassFixture<PostgresServer>;
