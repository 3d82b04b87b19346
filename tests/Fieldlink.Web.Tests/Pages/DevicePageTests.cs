using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>A device's page in Chromium: readings posted through the API on its chart with the alert's pin, and its commands live.</summary>
public abstract class DevicePageTests(FieldlinkServer server, Chromium chromium) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private readonly List<string> _pageErrors = [];
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        _page = await SignedIn.NewPageAsync(chromium, server);
        // A script error on the page (plotly.js, its interop) fails the test that caused it.
        _page.PageError += (_, error) => _pageErrors.Add(error);
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task The_chart_shows_ingested_readings_with_the_alerts_pin_that_opens_the_alert()
    {
        var (device, instance) = await ThermostatAsync();
        var now = DateTimeOffset.UtcNow;
        // Two hours of minute readings, ending two hours ago: in the last 24 hours, none in the last hour.
        var readings = Enumerable.Range(0, 120)
            .Select(i => (object)new { deviceId = (string)device["deviceId"]!, timestamp = now.AddHours(-4).AddMinutes(i), values = new { temperature = 20 + (i % 10) } })
            .ToArray();
        var ingested = await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", readings);
        Assert.Equal(HttpStatusCode.OK, ingested.StatusCode);
        var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new
        {
            deviceId = (string)device["deviceId"]!, description = "Supply temperature high", alertType = "Anomaly", alertTime = now.AddHours(-3),
        });

        await OpenAsync(_page, device);

        var chart = _page.GetByTestId("readings-chart");
        await Expect(_page.GetByTestId("chart-span")).ToContainTextAsync("5-minute buckets");
        // Plotly drew the temperature's band (two lines, one filled) and its average line, and the alert's pin (the
        // alert's automatic data pull is a pin too); the humidity, picked too, has no readings and draws nothing.
        await Expect(chart.Locator(".legendtext", new() { HasText = "temperature (°C)" })).ToHaveCountAsync(1);
        await Expect(chart.Locator(".legendtext", new() { HasText = "Alerts" })).ToHaveCountAsync(1);
        await Expect(chart.Locator(".legendtext", new() { HasText = "humidity" })).ToHaveCountAsync(0);
        await Expect(chart.Locator(".scatterlayer path.js-fill")).Not.ToHaveCountAsync(0);
        await Expect(chart.Locator(".scatterlayer path.js-line")).ToHaveCountAsync(3);
        await Expect(chart.Locator(".scatterlayer path.point")).Not.ToHaveCountAsync(0);
        await Expect(_page.GetByTestId("no-readings")).ToHaveCountAsync(0);

        var pin = _page.GetByTestId("pins").GetByRole(AriaRole.Link, new() { Name = "Alert (Anomaly): Supply temperature high" });
        await Expect(pin).ToHaveAttributeAsync("href", $"/alerts/{alert.AlertId()}");

        // A zoom into the readings (what Plotly's box zoom does: a relayout of the x axis to 80–95% of the span) asks
        // the database again at a finer interval; Reset zoom goes back.
        await _page.EvaluateAsync("""
            () => {
                const gd = document.getElementById('readings-chart');
                const axis = gd._fullLayout.xaxis;
                const [from, to] = axis.range.map(axis.r2l);
                return Plotly.relayout(gd, { 'xaxis.range[0]': axis.l2r(from + 0.80 * (to - from)), 'xaxis.range[1]': axis.l2r(from + 0.95 * (to - from)) });
            }
            """);
        await Expect(_page.GetByTestId("chart-span")).ToContainTextAsync("1-minute buckets");
        await Expect(_page.GetByTestId("chart-span")).ToContainTextAsync("zoomed in");
        await Expect(chart.Locator(".scatterlayer path.js-line")).ToHaveCountAsync(3);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Reset zoom" }).ClickAsync();
        await Expect(_page.GetByTestId("chart-span")).ToContainTextAsync("5-minute buckets");

        // The last hour has none of these readings: the chart says so.
        await _page.GetByTestId("span").ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = "Last hour", Exact = true }).ClickAsync();
        await Expect(_page.GetByTestId("no-readings")).ToHaveTextAsync("No readings in this span.");
        await Expect(_page.GetByTestId("chart-span")).ToContainTextAsync("15-second buckets");
    }

    [Fact]
    public async Task A_click_on_an_alerts_pin_inside_the_chart_opens_the_alert()
    {
        var (device, instance) = await ThermostatAsync();
        var now = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 60)
            .Select(i => (object)new { deviceId = (string)device["deviceId"]!, timestamp = now.AddHours(-2).AddMinutes(i), values = new { temperature = 20 + (i % 5) } })
            .ToArray();
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", readings)).StatusCode);
        var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new
        {
            deviceId = (string)device["deviceId"]!, description = "Supply temperature high", alertType = "Anomaly", alertTime = now.AddHours(-1.5),
        });
        await OpenAsync(_page, device);
        await Expect(_page.GetByTestId("readings-chart").Locator(".legendtext", new() { HasText = "Alerts" })).ToHaveCountAsync(1);
        await _page.GetByTestId("readings-chart").ScrollIntoViewIfNeededAsync();

        // Where plotly.js drew the alert's pin, in the page's pixels: a person's click there is plotly's click event,
        // which Plotly.Blazor's interop hands to the page.
        var at = await _page.EvaluateAsync<double[]>("""
            () => {
                const gd = document.getElementById('readings-chart');
                const index = gd._fullData.findIndex(t => t.name === 'Alerts');
                const trace = gd._fullData[index];
                const xa = gd._fullLayout[trace.xaxis.replace('x', 'xaxis')];
                const ya = gd._fullLayout[trace.yaxis.replace('y', 'yaxis')];
                const point = gd.calcdata[index][0];
                const box = gd.getBoundingClientRect();
                return [box.left + xa._offset + xa.c2p(point.x), box.top + ya._offset + ya.c2p(point.y)];
            }
            """);
        await _page.Mouse.MoveAsync((float)at[0], (float)at[1]);
        await Expect(_page.GetByTestId("readings-chart").Locator(".hoverlayer .hovertext")).ToContainTextAsync("Supply temperature high");
        await _page.Mouse.ClickAsync((float)at[0], (float)at[1]);

        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/alerts/{alert.AlertId()}$"));
        await Expect(_page.GetByText("Supply temperature high").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_command_history_shows_a_commands_status_change_live()
    {
        var (device, _) = await ThermostatAsync();
        await OpenAsync(_page, device);
        await Expect(_page.GetByTestId("no-commands")).ToHaveTextAsync("No commands yet.");

        var sent = await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Reset Thermostat", parameters = new { } }))
            .ReadObjectAsync(HttpStatusCode.Accepted);
        await WaitForStatusAsync(sent.Id(), "Succeeded");

        // Nothing here tells the page: the command's writers announce each change on the live feed themselves, and the
        // open page reloads its history from it, not from a browser reload.
        var row = _page.GetByTestId("commands-grid").Locator(".mud-table-body tr.mud-table-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.First).ToContainTextAsync("Reset Thermostat");
        await Expect(row.First.GetByTestId("command-status")).ToHaveTextAsync("Succeeded");
    }

    [Fact]
    public async Task A_measure_tile_shows_telemetry_ingested_while_the_page_is_open()
    {
        var instance = await Registry.InstanceAsync(_admin, settings: new { telemetryIntervalSeconds = 0 });
        var category = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Thermostat"),
            measures = new[] { new { name = "temperature", unit = "°C" } },
            tiles = new object[] { new { measure = "temperature", aggregation = "Latest", timeRange = 1 } },
        });
        var device = await _admin.CreateAsync("devices", new
        {
            providerInstanceId = instance.Id(), name = Registry.Unique("Thermostat"), deviceId = Registry.Unique("dev"), categoryId = category.Id(),
        });
        await OpenAsync(_page, device);
        var tile = _page.GetByTestId("tile-value");
        await Expect(tile).ToHaveTextAsync("No data");

        var reading = new { deviceId = (string)device["deviceId"]!, timestamp = DateTimeOffset.UtcNow.AddMinutes(-1), values = new { temperature = 23.5 } };
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new[] { reading })).StatusCode);

        // Nothing tells the page but the stored batch's announcement of its device's readings.
        await Expect(tile).ToHaveTextAsync("23.5 °C");
        await Expect(_page.GetByTestId("no-readings")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Device_page_has_no_serious_accessibility_violation_wide_or_narrow()
    {
        var (device, instance) = await ThermostatAsync();
        var now = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 60)
            .Select(i => (object)new { deviceId = (string)device["deviceId"]!, timestamp = now.AddMinutes(-20 * i), values = new { temperature = 21 + Math.Sin(i / 5.0), humidity = 45 + (i % 7) } })
            .ToArray();
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", readings)).StatusCode);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Filter clogged", alertTime = now.AddHours(-6) });

        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            var page = width == 1280 ? _page : await SignedIn.NewPageAsync(chromium, server, width: width, height: height);
            try
            {
                await OpenAsync(page, device);
                await Expect(page.GetByTestId("readings-chart").Locator(".scatterlayer .trace").First).ToBeVisibleAsync();
                await Expect(page.GetByTestId("no-commands")).ToHaveTextAsync("No commands yet.");
                await Accessibility.AssertNoSeriousViolationsAsync(page);
                await Screenshots.TakeAsync(page, $"device-{width}-{GetType().Name}");
                await page.GetByTestId("readings-chart").ScrollIntoViewIfNeededAsync();
                await Screenshots.TakeAsync(page, $"device-chart-{width}-{GetType().Name}");
            }
            finally
            {
                if (page != _page)
                {
                    await page.Context.CloseAsync();
                }
            }
        }
    }

    /// <summary>Opens the device's page and waits until it is interactive: the chart's span is shown once the circuit has loaded it.</summary>
    private static async Task OpenAsync(IPage page, JsonObject device)
    {
        await page.GotoAsync($"/devices/{device.Id()}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = (string)device["name"]!, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-span")).ToBeVisibleAsync();
    }

    /// <summary>A simulator device (its commands succeed) of a category measuring temperature, with an asset.</summary>
    private async Task<(JsonObject Device, JsonObject Instance)> ThermostatAsync()
    {
        var instance = await Registry.InstanceAsync(_admin, settings: new { telemetryIntervalSeconds = 0 });
        var category = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Thermostat"), measures = new object[] { new { name = "temperature", unit = "°C" }, new { name = "humidity", unit = "%" } },
        });
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Boiler room") });
        var device = await _admin.CreateAsync("devices", new
        {
            providerInstanceId = instance.Id(), name = Registry.Unique("Thermostat"), deviceId = Registry.Unique("dev"), categoryId = category.Id(),
            customerAssetId = asset.Id(), timeZone = "Europe/Berlin",
        });
        return (device, instance);
    }

    private async Task WaitForStatusAsync(Guid command, string status)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var read = await (await _admin.GetAsync($"/api/v1/commands/{command}")).ReadObjectAsync(HttpStatusCode.OK);
            if ((string)read["status"]! == status)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The command is still {read["status"]}.");
            await Task.Delay(100);
        }
    }
}

[Collection(BrowserTestGroup.Name)]
public sealed class DevicePageOnSqliteTests(SqliteServer server, Chromium chromium) : DevicePageTests(server, chromium), IClassFixture<SqliteServer>;

[Collection(BrowserTestGroup.Name)]
public sealed class DevicePageOnPostgresTests(PostgresServer server, Chromium chromium) : DevicePageTests(server, chromium), IClassFixture<PostgresServer>;
