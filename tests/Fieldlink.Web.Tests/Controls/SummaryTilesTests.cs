using System.Net;
using Bunit;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Fieldlink.Web.Tests.Controls;

/// <summary>The summary tiles (bUnit) over a real server's store: values with units and windows, and the empty state.</summary>
public sealed class SummaryTilesTests : IAsyncLifetime, IClassFixture<SqliteServer>
{
    // Held, not inherited: MudBlazor's services dispose only asynchronously, and xUnit disposes a test class synchronously.
    private readonly BunitContext _bunit = new();

    private readonly SqliteServer _server;

    public SummaryTilesTests(SqliteServer server)
    {
        _server = server;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(server.Services.GetRequiredService<DeviceTiles>());
        _bunit.AddAuthorization();
        _bunit.Services.AddScoped(sp => new PersonProfile(
            sp.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>(), server.Services.GetRequiredService<IServiceScopeFactory>()));
        _bunit.Services.AddScoped<BrowserTimeZone>();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public async Task The_tiles_show_each_value_with_its_unit_and_say_when_a_window_has_no_data()
    {
        var admin = _server.Client();
        var category = await admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Chiller"),
            measures = new[] { new { name = "temperature", unit = "°C" }, new { name = "humidity", unit = "%" } },
            tiles = new object[]
            {
                new { measure = "temperature", aggregation = "Average", timeRange = 1 },
                new { measure = "humidity", aggregation = "Average", timeRange = 1 },
                new { source = "Alerts", timeRange = 1 },
            },
        });
        var instance = await Registry.InstanceAsync(admin);
        var device = await admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("Chiller"), deviceId = Registry.Unique("c"), categoryId = category.Id() });
        var deviceId = (string)device["deviceId"]!;
        var now = DateTimeOffset.UtcNow;
        var readings = new[] { new { deviceId, timestamp = now.AddHours(-1), values = new Dictionary<string, double> { ["temperature"] = 20 } }, new { deviceId, timestamp = now.AddHours(-2), values = new Dictionary<string, double> { ["temperature"] = 21 } } };
        await (await admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", readings)).ReadObjectAsArrayAsync();

        var tiles = _bunit.Render<SummaryTiles>(p => p.Add(t => t.DeviceId, device.Id()));

        tiles.WaitForAssertion(() => Assert.Equal(3, tiles.FindAll("[data-testid='tile']").Count), TimeSpan.FromSeconds(10));
        Assert.Equal(["Average temperature, last day", "Average humidity, last day", "Alerts, last day"], tiles.FindAll("[data-testid='tile-label']").Select(e => e.TextContent));
        Assert.Equal(["20.5 °C", "No data", "0"], tiles.FindAll("[data-testid='tile-value']").Select(e => e.TextContent));
        Assert.Contains(" – ", tiles.Find("[data-testid='tile-window']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_that_does_not_exist_has_no_tiles_and_the_control_says_so()
    {
        var tiles = _bunit.Render<SummaryTiles>(p => p.Add(t => t.DeviceId, Guid.NewGuid()));

        tiles.WaitForAssertion(() => Assert.Equal("No tiles for this device.", tiles.Find("[data-testid='no-tiles']").TextContent), TimeSpan.FromSeconds(10));
    }
}
