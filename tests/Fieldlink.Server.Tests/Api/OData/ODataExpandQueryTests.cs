using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.OData;

/// <summary>$expand runs one database query per expanded reference and level, however many records the page holds.</summary>
public abstract class ODataExpandQueryTests(CountingServer counting) : IAsyncLifetime
{
    private readonly HttpClient _admin = counting.Server.Client();

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            await ODataData.CreateAsync(_admin);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Queries a request spends on its API key: on SQLite the key is looked up on every request; on PostgreSQL it is
    /// remembered once a request has used it (the uncounted request before each counted one does), since a change to it reaches every process.
    /// </summary>
    protected abstract int ApiKeyLookUps { get; }

    /// <summary>The expected count is the API key's look-up, if any, the page, and one for each expanded reference at each level.</summary>
    [Theory]
    [InlineData("devices", "$expand=providerInstance($expand=provider),category,customerAsset($expand=account)", 1 + 5)]
    [InlineData("alerts", "$filter=parentAlertId eq null&$expand=children($select=id;$top=2;$expand=device),device,case", 1 + 4)]
    public async Task A_page_of_one_and_a_page_of_three_take_the_same_queries(string collection, string expand, int pageAndExpansions)
    {
        var expected = ApiKeyLookUps + pageAndExpansions;
        var one = await QueriesAsync($"/api/v1/{collection}?$top=1&{expand}", 1);
        var three = await QueriesAsync($"/api/v1/{collection}?$top=3&{expand}", 3);
        Assert.Equal(expected, one);
        Assert.Equal(expected, three);
    }

    private async Task<int> QueriesAsync(string url, int records)
    {
        // The same request uncounted just before, so a remembered key is fresh (it is kept for seconds, not for ever).
        (await _admin.GetAsync(url)).EnsureSuccessStatusCode();
        var marker = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { QueryCounter.Header, marker } } };
        var page = await (await _admin.SendAsync(request)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(records, page["value"]!.AsArray().Count);
        return counting.Queries[marker];
    }
}

public sealed class ODataExpandQueryOnSqliteTests(CountingSqliteServer server) : ODataExpandQueryTests(server), IClassFixture<CountingSqliteServer>
{
    protected override int ApiKeyLookUps => 1;
}

public sealed class ODataExpandQueryOnPostgresTests(CountingPostgresServer server) : ODataExpandQueryTests(server), IClassFixture<CountingPostgresServer>
{
    protected override int ApiKeyLookUps => 0;
}
