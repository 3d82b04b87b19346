using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Api.Cases;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>
/// The pages of customer assets, accounts, cases and work orders in Chromium, on records made through the API and
/// alerts ingested as a connector would: an asset's devices and rollups, a case moved to a work order and that work
/// order moved along, what a Technician may not do, and the axe scan of each page wide and narrow.
/// </summary>
public abstract class RecordPagesTests(FieldlinkServer server, Chromium chromium) : IAsyncLifetime
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
    public async Task Asset_page_lists_its_devices_and_rollups_reached_from_the_assets_list()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var boiler = await scenario.DeviceAsync();
        var pump = await scenario.DeviceAsync();
        await scenario.GroupAsync(boiler, 2, "Flow temperature high");
        var asset = await scenario.ReadAssetAsync();

        await OpenListAsync("/assets");
        await _page.GetByLabel("Search name, serial number or location").FillAsync(asset.Name);
        var row = _page.Locator(".mud-table-body tr.mud-table-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.First).ToContainTextAsync("Unknown, 0 of 2 devices");
        await row.First.GetByRole(AriaRole.Link, new() { Name = asset.Name }).ClickAsync();

        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = asset.Name, Level = 1 })).ToBeVisibleAsync();
        var devices = _page.GetByTestId("devices").Locator("tbody tr");
        await Expect(devices).ToHaveCountAsync(2);
        await Expect(_page.GetByTestId("devices").GetByRole(AriaRole.Link, new() { Name = (string)boiler["name"]! }))
            .ToHaveAttributeAsync("href", $"/devices/{boiler.Id()}");
        await Expect(_page.GetByTestId("devices")).ToContainTextAsync((string)pump["name"]!);
        await Expect(_page.GetByTestId("has-active-alerts")).ToHaveTextAsync("Yes");
        await Expect(_page.GetByTestId("active-alert-count")).ToHaveTextAsync("1");
        await Expect(_page.GetByTestId("last-alert")).Not.ToHaveTextAsync("—");
        await Expect(_page.GetByTestId("last-command")).ToHaveTextAsync("—");
        var alert = _page.GetByTestId("alerts").Locator("tbody tr");
        await Expect(alert).ToHaveCountAsync(1);
        await Expect(alert.First).ToContainTextAsync("Flow temperature high");
        await Expect(alert.First.Locator("td").Nth(4)).ToHaveTextAsync("1");
        await Expect(_page.GetByTestId("commands")).ToContainTextAsync("No commands yet.");
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"asset-1280-{GetType().Name}");

        await OnPhoneAsync($"/assets/{asset.Id}", "asset", p => p.GetByTestId("devices"));
    }

    [Fact]
    public async Task Case_page_moves_the_case_to_a_work_order_whose_page_shows_where_it_came_from_and_moves_it_along()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var alert = (await scenario.GroupAsync(device, 1, "Compressor pressure low"))[0];
        var created = await CaseScenario.CaseAsync(_admin, alert);
        var number = (string)created["number"]!;

        await _page.GotoAsync($"/cases/{created.Id()}");
        await Expect(_page.GetByText($"Case {number}")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("work-orders")).ToContainTextAsync("No work orders yet.");
        await Expect(_page.GetByTestId("source").GetByRole(AriaRole.Link, new() { Name = "Compressor pressure low" }))
            .ToHaveAttributeAsync("href", $"/alerts/{alert}");
        // Its inputs are enabled once the page is live (a prerendered page cannot act yet).
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Create work order" })).ToBeEnabledAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"case-1280-{GetType().Name}");

        await _page.GetByLabel("Instructions for the technician (optional)").FillAsync("Bring a gauge set");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create work order" }).ClickAsync();

        await Expect(_page.Locator(".mud-snackbar")).ToContainTextAsync("Work order WO-");
        var orders = _page.GetByTestId("work-orders").Locator("tbody tr");
        await Expect(orders).ToHaveCountAsync(1);
        await Expect(orders.First).ToContainTextAsync("Unscheduled");
        // An active case with an open work order may be canceled no more than resolved: the Core says why.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(_page.Locator(".mud-snackbar").Last).ToContainTextAsync("while it has open work orders");
        await Expect(_page.GetByTestId("case-status")).ToHaveTextAsync("Active");

        await orders.First.GetByRole(AriaRole.Link).ClickAsync();

        var source = _page.GetByTestId("source");
        await Expect(source.GetByRole(AriaRole.Link, new() { Name = number })).ToHaveAttributeAsync("href", $"/cases/{created.Id()}");
        await Expect(source.GetByRole(AriaRole.Link, new() { Name = "Compressor pressure low" })).ToHaveAttributeAsync("href", $"/alerts/{alert}");
        await Expect(source.GetByRole(AriaRole.Link, new() { Name = (string)device["name"]! })).ToHaveAttributeAsync("href", $"/devices/{device.Id()}");
        await Expect(_page.GetByText("Bring a gauge set")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("work-order-status")).ToHaveTextAsync("Unscheduled");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();

        await Expect(_page.GetByTestId("work-order-status")).ToHaveTextAsync("Scheduled");
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Start" })).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Schedule" })).ToHaveCountAsync(0);
        var read = await (await _admin.GetAsync($"/api/v1/workOrders/{_page.Url.Split('/')[^1]}")).Content.ReadAsStringAsync();
        Assert.Equal("Scheduled", (string)JsonNode.Parse(read)!["status"]!);
        // The scan waits for the snackbars to leave: axe reads a fading one's colours half-transparent.
        await Expect(_page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"workorder-1280-{GetType().Name}");
        await OnPhoneAsync(new Uri(_page.Url).AbsolutePath, "workorder", p => p.GetByTestId("source"));
    }

    [Fact]
    public async Task A_technician_sees_cases_and_work_orders_without_any_action_button()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var alert = (await scenario.GroupAsync(await scenario.DeviceAsync(), 1))[0];
        var created = await CaseScenario.CaseAsync(_admin, alert);
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        var technician = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Technician);
        try
        {
            await technician.GotoAsync($"/cases/{created.Id()}");
            await Expect(technician.GetByTestId("work-orders").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(technician.GetByTestId("case-status")).ToHaveTextAsync("Active");
            await Expect(technician.GetByTestId("source")).ToContainTextAsync("Compressor temperature high");
            await Expect(ActionButtons(technician)).ToHaveCountAsync(0);
            await Expect(technician.GetByLabel("Instructions for the technician (optional)")).ToHaveCountAsync(0);

            await technician.GotoAsync($"/workorders/{order.Id()}");
            await Expect(technician.GetByTestId("work-order-status")).ToHaveTextAsync("Unscheduled");
            await Expect(technician.GetByTestId("source")).ToContainTextAsync((string)created["number"]!);
            await Expect(ActionButtons(technician)).ToHaveCountAsync(0);
        }
        finally
        {
            await technician.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Lists_of_cases_work_orders_and_accounts_and_an_account_page_have_no_serious_accessibility_violation_wide_or_narrow()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var alert = (await scenario.GroupAsync(await scenario.DeviceAsync(), 1, "Door left open"))[0];
        var created = await CaseScenario.CaseAsync(_admin, alert);
        await CaseScenario.WorkOrderAsync(_admin, created.Id());

        await OpenListAsync("/cases");
        await _page.GetByLabel("Search number or title").FillAsync((string)created["number"]!);
        await Expect(Rows()).ToHaveCountAsync(1);
        await Expect(Rows().First).ToContainTextAsync("Door left open");
        await Scan("cases", p => Rows(p).First);

        await OpenListAsync("/workorders");
        await _page.GetByLabel("Search number, incident or instructions").FillAsync("Door left open");
        await Expect(Rows().First).ToContainTextAsync((string)created["number"]!);
        await Scan("workorders", p => Rows(p).First);

        await OpenListAsync("/accounts");
        await Expect(Rows().First).ToBeVisibleAsync();
        await Scan("accounts", p => Rows(p).First);

        await _page.GotoAsync($"/accounts/{scenario.AccountId}");
        await Expect(_page.GetByTestId("open-alerts")).ToContainTextAsync("Door left open");
        await Expect(_page.GetByTestId("open-alert-count")).ToHaveTextAsync("1");
        await Expect(_page.GetByTestId("assets").Locator("tbody tr")).ToHaveCountAsync(1);
        await Scan("account", p => p.GetByTestId("assets"));
    }

    /// <summary>Opens a list and waits until it is interactive: the circuit has loaded the grid's first page.</summary>
    private async Task OpenListAsync(string path)
    {
        await _page.GotoAsync(path);
        await Expect(_page.GetByTestId("no-rows").Or(Rows().First)).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Loading"));
    }

    /// <summary>Scans the page, saves what it shows, and does the same at a phone's width.</summary>
    private async Task Scan(string name, Func<IPage, ILocator> shown)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"{name}-1280-{GetType().Name}");
        await OnPhoneAsync(new Uri(_page.Url).AbsolutePath, name, shown);
    }

    private async Task OnPhoneAsync(string path, string name, Func<IPage, ILocator> shown)
    {
        var phone = await SignedIn.NewPageAsync(chromium, server, width: 390, height: 844);
        try
        {
            await phone.GotoAsync(path);
            await Expect(shown(phone)).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, $"{name}-390-{GetType().Name}");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>The buttons of the case and work order pages that act (all but the app's own: navigation, sign out).</summary>
    private static ILocator ActionButtons(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Create work order|Resolve|Reopen|Cancel|Schedule|Start|Complete|Close") });

    private ILocator Rows() => Rows(_page);

    private static ILocator Rows(IPage page) => page.Locator(".mud-table-body tr.mud-table-row");
}

[Collection(BrowserTestGroup.Name)]
public sealed class RecordPagesOnSqliteTests(SqliteServer server, Chromium chromium) : RecordPagesTests(server, chromium), IClassFixture<SqliteServer>;
