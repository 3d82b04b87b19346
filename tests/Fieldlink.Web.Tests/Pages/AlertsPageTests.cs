using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>The home page in Chromium, on alerts ingested through the API as a vendor's system would post them.</summary>
public abstract class AlertsPageTests(FieldlinkServer server, Chromium chromium) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        _page = await SignedIn.NewPageAsync(chromium, server);
    }

    public async Task DisposeAsync() => await _page.Context.CloseAsync();

    [Fact]
    public async Task Home_lists_alerts_ingested_through_the_API_newest_first_with_the_names_they_refer_to_and_their_group()
    {
        var provider = await Registry.ProviderAsync(_admin);
        var instance = await Registry.InstanceAsync(_admin, provider.Id());
        var account = await _admin.CreateAsync("accounts", new { name = Registry.Unique("Contoso") });
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Plant room"), accountId = account.Id() });
        var boiler = await _admin.CreateAsync("devices", new
        {
            providerInstanceId = instance.Id(), name = Registry.Unique("Boiler"), deviceId = Registry.Unique("dev"), customerAssetId = asset.Id(), accountId = account.Id(),
        });
        var pump = await Registry.DeviceAsync(_admin, instance.Id(), name: Registry.Unique("Pump"));
        var token = Registry.Unique("overheat");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)boiler["deviceId"]!, description = $"{token} flow", alertType = "Anomaly", alertTime = start });
        // The same again on the boiler: grouped under the first, which then counts one child.
        await AlertPosts.PostAsync(_admin, instance.Id(), new { deviceId = (string)boiler["deviceId"]!, description = $"{token} flow", alertType = "Anomaly", alertTime = start.AddMinutes(1) });
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)pump["deviceId"]!, description = $"{token} return", alertType = "Info", alertTime = start.AddMinutes(2) });

        await OpenAsync();
        await SearchAsync(token);

        var rows = Rows();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync($"{token} return");
        await Expect(rows.Nth(0)).ToContainTextAsync((string)pump["name"]!);
        await Expect(rows.Nth(0)).ToContainTextAsync("Info");
        await Expect(rows.Nth(1)).ToContainTextAsync($"{token} flow");
        await Expect(rows.Nth(1)).ToContainTextAsync((string)boiler["name"]!);
        // A Dispatcher's list begins with the column that selects rows.
        await Expect(rows.Nth(1).Locator("td").Nth(3)).ToHaveTextAsync((string)asset["name"]!);
        await Expect(rows.Nth(1).Locator("td").Nth(4)).ToHaveTextAsync((string)account["name"]!);
        await Expect(rows.Nth(1).Locator("td").Nth(5)).ToHaveTextAsync((string)provider["name"]!);
        await Expect(rows.Nth(1).Locator("td").Nth(8)).ToHaveTextAsync("1");
        await Expect(rows.Nth(1)).ToContainTextAsync("Active");
    }

    [Fact]
    public async Task Search_finds_an_alert_by_its_device_name()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var name = Registry.Unique("Chiller");
        var chiller = await Registry.DeviceAsync(_admin, instance.Id(), name: name);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)chiller["deviceId"]!, description = "Condenser fan stopped" });

        await OpenAsync();
        await SearchAsync(name.ToUpperInvariant());

        await Expect(Rows()).ToHaveCountAsync(1);
        await Expect(Rows().First).ToContainTextAsync("Condenser fan stopped");
    }

    [Fact]
    public async Task Status_filter_narrows_the_list()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var token = Registry.Unique("filter");
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = Registry.Unique("dev"), description = $"{token} still open" });
        var closed = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = Registry.Unique("dev"), description = $"{token} dealt with" });
        var patched = await _admin.PatchJsonAsync($"/api/v1/alerts/{closed.AlertId()}", new { status = "Closed" });
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());

        await OpenAsync();
        await SearchAsync(token);
        await Expect(Rows()).ToHaveCountAsync(2);

        await _page.GetByTestId("status-filter").ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = "Closed", Exact = true }).ClickAsync();

        await Expect(Rows()).ToHaveCountAsync(1);
        await Expect(Rows().First).ToContainTextAsync($"{token} dealt with");
        await Expect(Rows().First).ToContainTextAsync("Closed");
    }

    [Fact]
    public async Task Provider_and_customer_asset_pickers_narrow_the_list()
    {
        var token = Registry.Unique("picked");
        var provider = await _admin.CreateAsync("providers", new { name = Registry.Unique("Daikin"), connector = "simulator" });
        var chosen = await Registry.InstanceAsync(_admin, provider.Id());
        var other = await Registry.InstanceAsync(_admin);
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Cold store") });
        var onAsset = await _admin.CreateAsync("devices", new { providerInstanceId = chosen.Id(), name = Registry.Unique("Freezer"), deviceId = Registry.Unique("dev"), customerAssetId = asset.Id() });
        await AlertPosts.CreateAsync(_admin, chosen.Id(), new { deviceId = (string)onAsset["deviceId"]!, description = $"{token} on the asset" });
        await AlertPosts.CreateAsync(_admin, chosen.Id(), new { deviceId = Registry.Unique("dev"), description = $"{token} same provider" });
        await AlertPosts.CreateAsync(_admin, other.Id(), new { deviceId = Registry.Unique("dev"), description = $"{token} other provider" });

        await OpenAsync();
        await SearchAsync(token);
        await Expect(Rows()).ToHaveCountAsync(3);

        await PickAsync("Provider", (string)provider["name"]!);
        await Expect(Rows()).ToHaveCountAsync(2);
        await Expect(_page.Locator(".mud-table-body")).Not.ToContainTextAsync($"{token} other provider");

        await PickAsync("Customer asset", (string)asset["name"]!);
        await Expect(Rows()).ToHaveCountAsync(1);
        await Expect(Rows().First).ToContainTextAsync($"{token} on the asset");
    }

    [Fact]
    public async Task Pages_through_more_alerts_than_fit_on_one()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var token = Registry.Unique("paging");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var alerts = Enumerable.Range(1, 27)
            .Select(i => (object)new { deviceId = $"{token}-{i:D2}", description = $"{token} number {i:D2}", alertTime = start.AddMinutes(i) })
            .ToArray();
        await AlertPosts.PostAsync(_admin, instance.Id(), alerts);

        await OpenAsync();
        await SearchAsync(token);

        await Expect(Rows()).ToHaveCountAsync(25);
        await Expect(_page.GetByText("1-25 of 27")).ToBeVisibleAsync();
        await Expect(Rows().First).ToContainTextAsync($"{token} number 27");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        await Expect(Rows()).ToHaveCountAsync(2);
        await Expect(_page.GetByText("26-27 of 27")).ToBeVisibleAsync();
        await Expect(Rows().Last).ToContainTextAsync($"{token} number 01");
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so()
    {
        await OpenAsync();
        await SearchAsync(Registry.Unique("nothing"));

        await Expect(_page.GetByTestId("no-alerts")).ToHaveTextAsync("No alert matches these filters.");
    }

    [Fact]
    public async Task Alerts_page_has_no_serious_accessibility_violation_wide_or_narrow()
    {
        var instance = await Registry.InstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = Registry.Unique("dev"), description = "Compressor pressure low", alertType = "Anomaly" });

        await OpenAsync();
        await Expect(Rows().First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"alerts-1280-{GetType().Name}");

        var phone = await SignedIn.NewPageAsync(chromium, server, width: 390, height: 844);
        try
        {
            await phone.GotoAsync("/");
            await Expect(phone.Locator(".mud-table-body tr.mud-table-row").First).ToBeVisibleAsync();
            await PhoneWidth.AssertFitsAsync(phone);

            // The first screen shows alerts: the pickers and the time range fold behind a button until asked for.
            await Expect(phone.GetByTestId("provider-filter")).ToBeHiddenAsync();
            await Expect(phone.Locator(".mud-table-body tr.mud-table-row").First).ToBeInViewportAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, $"alerts-390-{GetType().Name}");
            await phone.GetByTestId("more-filters").ClickAsync();
            await Expect(phone.GetByTestId("provider-filter")).ToBeVisibleAsync();
            await Expect(phone.GetByTestId("more-filters")).ToHaveAttributeAsync("aria-expanded", "true");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Unknown_address_shows_the_not_found_page()
    {
        var response = await _page.GotoAsync("/no/such/page");

        Assert.Equal(404, response!.Status);
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = "Go to the alerts" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
    }

    /// <summary>Opens the home page and waits until it is interactive (the circuit has loaded the grid's first page).</summary>
    private async Task OpenAsync()
    {
        await _page.GotoAsync("/");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("no-alerts").Or(Rows().First)).Not.ToHaveTextAsync("Loading alerts…");
    }

    private async Task SearchAsync(string text)
    {
        await _page.GetByLabel("Search description or device").FillAsync(text);
    }

    /// <summary>Types part of a name into a picker and takes the record the server offers for it.</summary>
    private async Task PickAsync(string label, string name)
    {
        await _page.GetByLabel(label, new() { Exact = true }).FillAsync(name[..^3]);
        await _page.GetByRole(AriaRole.Option, new() { Name = name }).ClickAsync();
    }

    private ILocator Rows() => _page.Locator(".mud-table-body tr.mud-table-row");
}

[Collection(BrowserTestGroup.Name)]
public sealed class AlertsPageOnSqliteTests(SqliteServer server, Chromium chromium) : AlertsPageTests(server, chromium), IClassFixture<SqliteServer>;

[Collection(BrowserTestGroup.Name)]
public sealed class AlertsPageOnPostgresTests(PostgresServer server, Chromium chromium) : AlertsPageTests(server, chromium), IClassFixture<PostgresServer>;
