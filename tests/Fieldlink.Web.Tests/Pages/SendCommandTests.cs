using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>
/// The send-command form and the summary tiles on the pages, in Chromium: a command from the device page's form built
/// from its category's definitions reaching Succeeded (the simulator carries it out), the form refusing a bad parameter,
/// a command from an alert to every device of its asset, no send button for a Technician, and the axe scans.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SendCommandTests(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();

    public Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_command_from_the_device_pages_form_is_refused_with_a_bad_parameter_then_succeeds_and_the_tiles_show_the_readings()
    {
        var (device, _) = await ThermostatAsync(withReadings: true);
        var page = await SignedIn.NewPageAsync(chromium, server);
        try
        {
            await OpenAsync(page, device);
            await Expect(page.GetByTestId("tile-value").First).ToHaveTextAsync("20.5 °C");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "send-device-1280");

            var dialog = await OpenDialogAsync(page);
            await dialog.GetByTestId("command-name").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Set Values", Exact = true }).ClickAsync();
            var temperature = Input(dialog, "parameters.Reading.Temperature");
            await temperature.FillAsync("warm");
            await temperature.BlurAsync();
            await dialog.GetByTestId("command-send").ClickAsync();

            // Refused under the input it names; nothing was written.
            await Expect(dialog).ToContainTextAsync("Must be a whole number");
            await Expect(dialog.GetByTestId("group-parameters.Reading")).ToContainTextAsync("Must be a whole number");
            var none = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/commands?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
            Assert.Equal(0, (int)none["@odata.count"]!);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "send-dialog-1280");

            await temperature.FillAsync("22");
            await temperature.BlurAsync();
            await dialog.GetByTestId("command-send").ClickAsync();
            await Expect(page.GetByTestId("send-command-dialog")).ToHaveCountAsync(0);

            // Queued, then carried out by the simulator: the history follows it live to Succeeded.
            var row = page.GetByTestId("commands-grid").Locator(".mud-table-body tr.mud-table-row");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.First).ToContainTextAsync("Set Values");
            await Expect(row.First.GetByTestId("command-status")).ToHaveTextAsync("Succeeded");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task From_an_alert_a_Dispatcher_sends_to_every_device_of_its_asset_and_a_Technician_sees_no_send_button()
    {
        var (device, instance) = await ThermostatAsync(withReadings: false);
        var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Supply temperature high" });
        var asset = (string)device["customerAssetId"]!;
        var assetName = (string)(await (await _admin.GetAsync($"/api/v1/customerAssets/{asset}")).ReadObjectAsync(HttpStatusCode.OK))["name"]!;

        var page = await SignedIn.NewPageAsync(chromium, server);
        try
        {
            await page.GotoAsync($"/alerts/{alert.AlertId()}");
            var toAsset = page.GetByTestId("send-command-asset");
            await Expect(toAsset).ToHaveTextAsync($"Send command to every device of {assetName}");
            await Expect(page.GetByTestId("send-command")).ToBeEnabledAsync();
            await toAsset.ClickAsync();
            var dialog = page.GetByTestId("send-command-dialog");
            await dialog.GetByTestId("command-name").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Reset Thermostat", Exact = true }).ClickAsync();
            await dialog.GetByTestId("command-send").ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            var commands = page.GetByTestId("alert-commands");
            await Expect(commands).ToContainTextAsync("Reset Thermostat");
            await Expect(commands).ToContainTextAsync("Succeeded");
            await Expect(page.GetByTestId("alert-status")).ToHaveTextAsync("InProgress");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var technician = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Technician);
        try
        {
            await OpenAsync(technician, device);
            await Expect(technician.GetByTestId("summary-tiles")).ToBeVisibleAsync();
            await Expect(technician.GetByRole(AriaRole.Button, new() { Name = "Send command" })).ToHaveCountAsync(0);

            await technician.GotoAsync($"/alerts/{alert.AlertId()}");
            await Expect(technician.GetByTestId("alert-status")).ToBeVisibleAsync();
            await Expect(technician.GetByTestId("alert-commands")).ToContainTextAsync("Reset Thermostat");
            await Expect(technician.GetByTestId("send-command")).ToHaveCountAsync(0);
            await Expect(technician.GetByTestId("send-command-asset")).ToHaveCountAsync(0);

            await technician.GotoAsync($"/assets/{asset}");
            await Expect(technician.GetByTestId("rollups")).ToBeVisibleAsync();
            await Expect(technician.GetByTestId("send-command-asset")).ToHaveCountAsync(0);
        }
        finally
        {
            await technician.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Device_page_with_tiles_and_the_send_dialog_work_on_a_phone()
    {
        var (device, _) = await ThermostatAsync(withReadings: true);
        var page = await SignedIn.NewPageAsync(chromium, server, width: PhoneWidth.Width, height: PhoneWidth.Height);
        try
        {
            await OpenAsync(page, device);
            await Expect(page.GetByTestId("tile-value").First).ToHaveTextAsync("20.5 °C");
            await PhoneWidth.AssertFitsAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "send-device-390");

            var dialog = await OpenDialogAsync(page);
            await dialog.GetByTestId("command-name").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Set Values", Exact = true }).ClickAsync();
            await Expect(Input(dialog, "parameters.Reading.Temperature")).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "send-dialog-390");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task OpenAsync(IPage page, JsonObject device)
    {
        await page.GotoAsync($"/devices/{device.Id()}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = (string)device["name"]!, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-span")).ToBeVisibleAsync();
    }

    private static async Task<ILocator> OpenDialogAsync(IPage page)
    {
        await page.GetByTestId("send-command").ClickAsync();
        var dialog = page.GetByTestId("send-command-dialog");
        await Expect(dialog.GetByTestId("command-form")).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>The input of a form field (MudBlazor puts the test id on the input or on its wrapper).</summary>
    private static ILocator Input(ILocator dialog, string testId) =>
        dialog.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    /// <summary>A simulator device (its commands succeed) of a category with Set Values and Reset Thermostat and an average-temperature tile, on an asset.</summary>
    private async Task<(JsonObject Device, JsonObject Instance)> ThermostatAsync(bool withReadings)
    {
        var instance = await Registry.InstanceAsync(_admin, settings: new { telemetryIntervalSeconds = 0 });
        var category = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Thermostat"),
            measures = new[] { new { name = "temperature", unit = "°C" } },
            tiles = new object[] { new { measure = "temperature", aggregation = "Average", timeRange = 1 }, new { source = "Alerts", timeRange = 1 } },
            commands = new object[]
            {
                new
                {
                    name = "Set Values", description = "Sets the target values.",
                    parameters = new object[]
                    {
                        new { name = "Reading", type = "Object", required = true, parameters = new object[] { new { name = "Temperature", type = "WholeNumber", unit = "°C", required = true } } },
                    },
                },
                new { name = "Reset Thermostat" },
            },
        });
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Boiler room") });
        var device = await _admin.CreateAsync("devices", new
        {
            providerInstanceId = instance.Id(), name = Registry.Unique("Thermostat"), deviceId = Registry.Unique("dev"), categoryId = category.Id(),
            customerAssetId = asset.Id(),
        });
        if (withReadings)
        {
            var deviceId = (string)device["deviceId"]!;
            var now = DateTimeOffset.UtcNow;
            var readings = new[] { new { deviceId, timestamp = now.AddHours(-1), values = new { temperature = 20 } }, new { deviceId, timestamp = now.AddHours(-2), values = new { temperature = 21 } } };
            Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", readings)).StatusCode);
        }

        return (device, instance);
    }
}
