using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>The devices list in Chromium: devices made through the API, registered and pulled from the page.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DevicesPageTests(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IAsyncLifetime
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
    public async Task Lists_devices_and_registers_then_pulls_a_selection_reporting_each_failure()
    {
        var token = Registry.Unique("Fleet");
        var account = await _admin.CreateAsync("accounts", new { name = Registry.Unique("Contoso") });
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Plant room"), accountId = account.Id() });
        var category = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("HVAC") });
        var simulator = await Registry.InstanceAsync(_admin);
        var broken = await Registry.VendorInstanceAsync(_admin, behaviour: "fail");
        var boiler = await _admin.CreateAsync("devices", new
        {
            providerInstanceId = simulator.Id(), name = $"{token} boiler", deviceId = Registry.Unique("dev"), customerAssetId = asset.Id(), categoryId = category.Id(),
        });
        await Registry.DeviceAsync(_admin, simulator.Id(), name: $"{token} pump");
        var chiller = await Registry.DeviceAsync(_admin, broken.Id(), name: $"{token} chiller");

        await OpenAsync(_page);
        await _page.GetByLabel("Search name or device id").FillAsync(token);

        await Expect(Rows()).ToHaveCountAsync(3);
        var first = Rows().Nth(0);
        await Expect(first).ToContainTextAsync($"{token} boiler");
        await Expect(first).ToContainTextAsync((string)boiler["deviceId"]!);
        await Expect(first).ToContainTextAsync((string)simulator["name"]!);
        await Expect(first).ToContainTextAsync((string)asset["name"]!);
        await Expect(first).ToContainTextAsync((string)category["name"]!);
        await Expect(first).ToContainTextAsync("Unknown");
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = (string)asset["name"]! })).ToHaveAttributeAsync("href", $"/assets/{asset.Id()}");

        // Select all three (the header's box), register: two succeed, the broken vendor's device fails and is named.
        await _page.Locator(".mud-table-head input[type=checkbox]").CheckAsync();
        await Expect(_page.GetByText("3 selected")).ToBeVisibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await Expect(_page.Locator(".mud-snackbar")).ToContainTextAsync("Registered 2 of 3 devices; 1 failed.");
        var failures = _page.GetByTestId("action-failures");
        await Expect(failures).ToContainTextAsync($"{token} chiller");
        await Expect(failures).ToContainTextAsync("503");
        await Expect(failures.GetByRole(AriaRole.Link, new() { Name = $"{token} chiller" })).ToHaveAttributeAsync("href", $"/devices/{chiller.Id()}");
        await Expect(Rows().Nth(0)).ToContainTextAsync("Registered");
        await Expect(Rows().Nth(2)).ToContainTextAsync("Registered");

        // The registration filter narrows the list to the two registered devices; pull one of them.
        await _page.GetByTestId("registration-filter").ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = "Registered", Exact = true }).ClickAsync();
        await Expect(Rows()).ToHaveCountAsync(2);
        await Rows().Nth(0).Locator("input[type=checkbox]").CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pull data" }).ClickAsync();
        await Expect(_page.Locator(".mud-snackbar").Last).ToContainTextAsync("Pulled data of 1 device.");
        await Expect(Rows().Nth(0)).ToContainTextAsync("Connected");
    }

    [Fact]
    public async Task A_Technician_sees_devices_but_no_register_or_pull()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var name = Registry.Unique("Valve");
        var device = await Registry.DeviceAsync(_admin, instance.Id(), name: name);
        var technician = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Technician);
        try
        {
            await OpenAsync(technician);
            await technician.GetByLabel("Search name or device id").FillAsync(name);
            await Expect(technician.Locator(".mud-table-body tr.mud-table-row")).ToHaveCountAsync(1);
            await Expect(technician.GetByRole(AriaRole.Button, new() { Name = "Register" })).ToHaveCountAsync(0);
            await Expect(technician.GetByRole(AriaRole.Button, new() { Name = "Pull data" })).ToHaveCountAsync(0);
            await Expect(technician.Locator("input[type=checkbox]")).ToHaveCountAsync(0);

            await technician.GotoAsync($"/devices/{device.Id()}");
            await Expect(technician.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
            await Expect(technician.GetByTestId("no-commands")).ToHaveTextAsync("No commands yet.");
            await Expect(technician.GetByRole(AriaRole.Button, new() { Name = "Register" })).ToHaveCountAsync(0);
            await Expect(technician.GetByRole(AriaRole.Button, new() { Name = "Pull data" })).ToHaveCountAsync(0);
        }
        finally
        {
            await technician.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Devices_page_has_no_serious_accessibility_violation_wide_or_narrow()
    {
        var instance = await Registry.InstanceAsync(_admin);
        await Registry.DeviceAsync(_admin, instance.Id(), name: Registry.Unique("Boiler"));

        await OpenAsync(_page);
        await Expect(Rows().First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, "devices-1280");

        var phone = await SignedIn.NewPageAsync(chromium, server, width: 390, height: 844);
        try
        {
            await OpenAsync(phone);
            await Expect(phone.Locator(".mud-table-body tr.mud-table-row").First).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, "devices-390");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>Opens the devices page and waits until it is interactive (the circuit has loaded the grid's first page).</summary>
    private static async Task OpenAsync(IPage page)
    {
        await page.GotoAsync("/devices");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-devices").Or(page.Locator(".mud-table-body tr.mud-table-row").First)).Not.ToHaveTextAsync("Loading devices…");
    }

    private ILocator Rows() => _page.Locator(".mud-table-body tr.mud-table-row");
}
