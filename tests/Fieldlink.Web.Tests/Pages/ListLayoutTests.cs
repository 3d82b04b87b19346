using Fieldlink.Server.Tests.Api.Cases;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>
/// Every list page at a dispatcher's 1280×800 with the longest names a fleet has: the grid shows all its columns without
/// scrolling sideways (long text is cut with an ellipsis, the whole of it in a tooltip); and on a 390-px phone the page
/// does not scroll sideways either.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ListLayoutTests(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IAsyncLifetime
{
    private const string LongDescription =
        "Condenser water supply temperature above the high limit for more than fifteen minutes while the compressor runs at full load";

    /// <summary>Each list's address and its grid.</summary>
    private static readonly (string Path, string Grid)[] Lists =
    [
        ("/", "alerts-grid"),
        ("/devices", "devices-grid"),
        ("/assets", "assets-grid"),
        ("/accounts", "accounts-grid"),
        ("/cases", "cases-grid"),
        ("/workorders", "workorders-grid"),
    ];

    private readonly HttpClient _admin = server.Client();

    public Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_list_shows_all_its_columns_at_1280_px_without_scrolling_sideways_and_fits_a_phone()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var account = await _admin.CreateAsync("accounts", new { name = Registry.Unique("Contoso Facilities Management International Holdings") });
        var asset = await _admin.CreateAsync("customerAssets", new
        {
            name = Registry.Unique("Rooftop chiller plant, north wing, building seven"), accountId = account.Id(), serialNumber = Registry.Unique("SN-2026-CH-000000"),
        });
        var scenario = new CaseScenario(server, instance, account, asset);
        var device = await _admin.CreateAsync("devices", new
        {
            providerInstanceId = instance.Id(),
            name = Registry.Unique("Condenser water pump sensor, level three mechanical room"),
            deviceId = Registry.Unique("urn:dev:condenser-water-pump-sensor-000000"),
            customerAssetId = asset.Id(),
            accountId = account.Id(),
        });
        var alert = (await scenario.GroupAsync(device, 3, LongDescription))[0];
        // The longest type and, once its case is created below, the longest status.
        await scenario.GroupAsync(device, 1, "Replace the condenser water filter", Sdk.AlertType.PreventiveMaintenance);
        var created = await CaseScenario.CaseAsync(_admin, alert);
        await CaseScenario.WorkOrderAsync(_admin, created.Id(), new { instructions = LongDescription });

        var wide = await SignedIn.NewPageAsync(chromium, server);
        var phone = await SignedIn.NewPageAsync(chromium, server, width: PhoneWidth.Width, height: PhoneWidth.Height);
        try
        {
            foreach (var (path, grid) in Lists)
            {
                await OpenAsync(wide, path, grid);
                var (scroll, client) = await WidthsAsync(wide, grid);
                await Screenshots.TakeAsync(wide, $"list-{grid}-1280");
                Assert.True(scroll <= client, $"{path}: the grid is {scroll} px wide in {client} px, so it scrolls sideways at 1280 px.");

                await OpenAsync(phone, path, grid);
                await Screenshots.TakeAsync(phone, $"list-{grid}-390");
                await PhoneWidth.AssertFitsAsync(phone);
            }
        }
        finally
        {
            await wide.Context.CloseAsync();
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>Opens a list and waits for its rows (the seeded records) and the person's time zone.</summary>
    private static async Task OpenAsync(IPage page, string path, string grid)
    {
        await page.GotoAsync(path);
        await Expect(page.GetByTestId(grid).Locator(".mud-table-body tr.mud-table-row").First).ToBeVisibleAsync();
    }

    private static async Task<(int Scroll, int Client)> WidthsAsync(IPage page, string grid)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "id => { const c = document.querySelector(`[data-testid=\"${id}\"] .mud-table-container`); return [c.scrollWidth, c.clientWidth]; }", grid);
        return (widths[0], widths[1]);
    }
}
