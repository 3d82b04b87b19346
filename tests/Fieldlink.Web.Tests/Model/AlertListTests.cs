using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>The alerts list on a real store: pages past the middle are read backwards, and must be the same rows.</summary>
public sealed class AlertListTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Theory]
    [InlineData(null, true)]
    [InlineData(nameof(AlertRow.Description), false)]
    [InlineData(nameof(AlertRow.Status), true)]
    public async Task Every_page_forward_or_read_backwards_gives_the_list_in_order_once(string? sortBy, bool descending)
    {
        var admin = server.Client();
        var instance = await Registry.InstanceAsync(admin);
        var token = Registry.Unique("pages");
        var at = DateTimeOffset.UtcNow.AddHours(-1);

        // Ties on the time (pairs at the same second) and on the status: the id decides, both ways.
        await AlertPosts.PostAsync(admin, instance.Id(), [.. Enumerable.Range(0, 11).Select(i => (object)new
        {
            deviceId = $"{token}-{i:D2}", description = $"{token} {i % 4}", alertTime = at.AddSeconds(i / 2),
        })]);
        var list = server.Services.GetRequiredService<AlertList>();
        var query = new AlertListQuery { Search = token, SortBy = sortBy, Descending = descending };

        var whole = await list.LoadAsync(query with { PageSize = 100 }, CancellationToken.None);
        var paged = new List<AlertRow>();
        for (var page = 0; page < 4; page++)
        {
            var rows = await list.LoadAsync(query with { Page = page, PageSize = 3 }, CancellationToken.None);
            Assert.Equal(11, rows.Total);
            paged.AddRange(rows.Rows);
        }

        Assert.Equal(11, whole.Rows.Count);
        Assert.Equal(whole.Rows.Select(r => r.Id), paged.Select(r => r.Id));
    }
}
