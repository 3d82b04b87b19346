using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Collections;

/// <summary>$filter, $orderby, $top, $skip, $count, $select and paging, answered by the database, on both databases.</summary>
public abstract class ODataQueryTests(FieldlinkServer server) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private Guid _instance;

    public async Task InitializeAsync()
    {
        _instance = (await Registry.InstanceAsync(_admin)).Id();
        foreach (var (name, status, tag) in new[] { ("Chiller A", "Registered", "roof"), ("Chiller B", "Error", "roof"), ("Boiler C", "Registered", "basement"), ("Lift D", "Unknown", "core") })
        {
            await _admin.CreateAsync("devices", new { providerInstanceId = _instance, name, deviceId = Registry.Unique("d"), registrationStatus = status, tags = new[] { tag } });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Filter_on_an_enum_given_as_a_plain_string()
    {
        var names = await NamesAsync($"$filter=providerInstanceId eq {_instance} and registrationStatus eq 'Registered'&$orderby=name");
        Assert.Equal(["Boiler C", "Chiller A"], names);
    }

    [Fact]
    public async Task Filter_with_functions_and_any_on_tags()
    {
        Assert.Equal(["Chiller A", "Chiller B"], await NamesAsync($"$filter=providerInstanceId eq {_instance} and startswith(name, 'Chiller')&$orderby=name"));
        Assert.Equal(["Chiller A", "Chiller B"], await NamesAsync($"$filter=providerInstanceId eq {_instance} and tags/any(t: t eq 'roof')&$orderby=name"));
    }

    [Fact]
    public async Task Filter_on_a_time_compares_instants()
    {
        Assert.Equal(4, (await NamesAsync($"$filter=providerInstanceId eq {_instance} and createdAt gt 2020-01-01T00:00:00Z")).Count);
        Assert.Empty(await NamesAsync($"$filter=providerInstanceId eq {_instance} and createdAt gt 2999-01-01T00:00:00Z"));
    }

    [Fact]
    public async Task Orderby_descending_then_top_and_skip()
    {
        Assert.Equal(["Chiller B", "Chiller A"], await NamesAsync($"$filter=providerInstanceId eq {_instance}&$orderby=name desc&$skip=1&$top=2"));
    }

    [Fact]
    public async Task Count_counts_the_filter_not_the_page()
    {
        var page = await GetAsync($"$filter=providerInstanceId eq {_instance}&$top=1&$count=true");
        Assert.Equal(4, (int)page["@odata.count"]!);
        Assert.Single(page["value"]!.AsArray());
    }

    [Fact]
    public async Task Select_returns_only_the_chosen_fields()
    {
        var page = await GetAsync($"$filter=providerInstanceId eq {_instance}&$select=name,deviceId");
        var first = page["value"]!.AsArray()[0]!.AsObject();
        Assert.Equal(["deviceId", "name"], first.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_page_never_holds_more_than_the_server_cap_and_links_to_the_next()
    {
        await using var capped = (FieldlinkServer)Activator.CreateInstance(server.GetType())!;
        capped.With("Api:MaxPageSize", "3");
        await ((IAsyncLifetime)capped).InitializeAsync();
        try
        {
            var client = capped.Client();
            var instance = (await Registry.InstanceAsync(client)).Id();
            for (var i = 0; i < 7; i++)
            {
                await Registry.DeviceAsync(client, instance, name: $"Device {i}");
            }

            var seen = new List<string>();
            string? next = "/api/v1/devices?$orderby=name&$top=5";
            while (next is not null)
            {
                var page = await (await client.GetAsync(next)).ReadObjectAsync(HttpStatusCode.OK);
                var names = page["value"]!.AsArray().Select(v => (string)v!["name"]!).ToList();
                Assert.True(names.Count <= 3, $"A page held {names.Count} records");
                seen.AddRange(names);
                next = (string?)page["@odata.nextLink"];
            }

            Assert.Equal(["Device 0", "Device 1", "Device 2", "Device 3", "Device 4"], seen);
        }
        finally
        {
            await ((IAsyncLifetime)capped).DisposeAsync();
        }
    }

    [Theory]
    [InlineData("$filter=nosuchfield eq 1", "$filter")]
    [InlineData("$filter=name eq", "$filter")]
    [InlineData("$filter=registrationStatus eq 'Sleeping'", "$filter")]
    [InlineData("$orderby=nosuchfield", "$orderby")]
    [InlineData("$top=-1", "$top")]
    [InlineData("$top=many", "$top")]
    [InlineData("$skip=x", "$skip")]
    [InlineData("$count=maybe", "$count")]
    [InlineData("$select=name,nosuchfield", "$select")]
    [InlineData("$expand=provider", "$expand")]
    public async Task A_bad_query_option_is_400_naming_the_option(string query, string option)
    {
        await (await _admin.GetAsync($"/api/v1/devices?{query}")).ReadFieldErrorAsync(option);
    }

    [Fact]
    public async Task Secrets_and_documents_cannot_be_filtered_on()
    {
        await (await _admin.GetAsync("/api/v1/providerInstances?$filter=contains(settings, 'password')")).ReadFieldErrorAsync("$filter");
        await (await _admin.GetAsync("/api/v1/apiKeys?$filter=startswith(hash, 'a')")).ReadFieldErrorAsync("$filter");
    }

    private async Task<JsonObject> GetAsync(string query) =>
        await (await _admin.GetAsync($"/api/v1/devices?{query}")).ReadObjectAsync(HttpStatusCode.OK);

    private async Task<List<string>> NamesAsync(string query) =>
        (await GetAsync(query))["value"]!.AsArray().Select(v => (string)v!["name"]!).ToList();
}

public sealed class ODataQueryOnSqliteTests(SqliteServer server) : ODataQueryTests(server), IClassFixture<SqliteServer>;

public sealed class ODataQueryOnPostgresTests(PostgresServer server) : ODataQueryTests(server), IClassFixture<PostgresServer>;
