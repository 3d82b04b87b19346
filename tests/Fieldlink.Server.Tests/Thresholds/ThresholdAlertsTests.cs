using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Sdk;
using static Fieldlink.Server.Tests.Thresholds.ThresholdFixture;

namespace Fieldlink.Server.Tests.Thresholds;

/// <summary>
/// Telemetry that crosses a category's threshold raises one Anomaly alert per crossing, with hysteresis, on both
/// databases. The category's temperature is low 2, high 30 °C unless a test says otherwise: default hysteresis 1.4.
/// </summary>
public abstract class ThresholdAlertsTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_crossing_raises_one_anomaly_alert_that_names_the_measure_the_value_and_the_threshold()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await PostEachAsync(_admin, instance, deviceId, (0, 25), (10, 31.2));

        var alert = Assert.Single(await AlertsAsync(server, device));
        Assert.Equal(AlertType.Anomaly, alert.AlertType);
        Assert.Equal("temperature 31.2 °C is above the high threshold 30 °C", alert.Description);
        Assert.Equal(BaseTime.AddSeconds(10), alert.AlertTime);
        Assert.Equal(instance, alert.ProviderInstanceId);
        Assert.Equal(deviceId, alert.DeviceId);
        Assert.NotNull(alert.Token);
        var data = JsonNode.Parse(alert.Data!)!;
        Assert.Equal("temperature", (string)data["measure"]!);
        Assert.Equal(31.2, (double)data["value"]!);
        Assert.Equal(30, (double)data["threshold"]!);
        Assert.Equal("°C", (string)data["unit"]!);
        Assert.Equal("high", (string)data["crossed"]!);
    }

    [Fact]
    public async Task Readings_that_stay_above_raise_no_more_alerts()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await PostEachAsync(_admin, instance, deviceId, (0, 31), (10, 35), (20, 30.5), (30, 40));

        Assert.Equal([BaseTime], (await AlertsAsync(server, device)).Select(a => a.AlertTime));
    }

    [Fact]
    public async Task Dropping_below_high_but_within_the_hysteresis_and_rising_again_raises_none()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        // High 30, hysteresis 1.4: 28.7 is below high, but not at 28.6 or below.
        await PostEachAsync(_admin, instance, deviceId, (0, 31), (10, 28.7), (20, 29.9), (30, 31));

        Assert.Single(await AlertsAsync(server, device));
    }

    [Fact]
    public async Task Leaving_below_high_minus_the_hysteresis_and_rising_again_raises_a_second()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await PostEachAsync(_admin, instance, deviceId, (0, 31), (10, 28.6), (20, 29.9), (30, 31.5));

        var alerts = await AlertsAsync(server, device);
        Assert.Equal([BaseTime, BaseTime.AddSeconds(30)], alerts.Select(a => a.AlertTime));
        Assert.Equal("temperature 31.5 °C is above the high threshold 30 °C", alerts[1].Description);
    }

    [Fact]
    public async Task A_measures_own_hysteresis_is_used()
    {
        var category = await CategoryAsync(_admin, new { name = "temperature", unit = "°C", high = 30.0, hysteresis = 5.0 });
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        // 26 would leave with the default (1.5); with 5 it does not, 25 does.
        await PostEachAsync(_admin, instance, deviceId, (0, 31), (10, 26), (20, 31), (30, 25), (40, 31));

        Assert.Equal([BaseTime, BaseTime.AddSeconds(40)], (await AlertsAsync(server, device)).Select(a => a.AlertTime));
    }

    [Fact]
    public async Task The_low_threshold_works_alike()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        // Low 2, hysteresis 1.4: 3 stays below-low, 3.4 leaves.
        await PostEachAsync(_admin, instance, deviceId, (0, 5), (10, 1.5), (20, 0), (30, 3), (40, 1), (50, 3.4), (60, -4));

        var alerts = await AlertsAsync(server, device);
        Assert.Equal([BaseTime.AddSeconds(10), BaseTime.AddSeconds(60)], alerts.Select(a => a.AlertTime));
        Assert.Equal("temperature 1.5 °C is below the low threshold 2 °C", alerts[0].Description);
        Assert.Equal("low", (string)JsonNode.Parse(alerts[0].Data!)!["crossed"]!);
    }

    [Fact]
    public async Task Jumping_from_above_high_to_below_low_is_a_crossing_of_its_own()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await PostEachAsync(_admin, instance, deviceId, (0, 31), (10, -10));

        Assert.Equal(
            ["temperature 31 °C is above the high threshold 30 °C", "temperature -10 °C is below the low threshold 2 °C"],
            (await AlertsAsync(server, device)).Select(a => a.Description));
    }

    [Fact]
    public async Task Several_crossings_in_one_batch_each_raise_an_alert_in_time_order_whatever_the_order_they_came_in()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await PostAsync(_admin, instance, deviceId, [(30, 32), (0, 31), (20, 25), (10, 31.5)]);

        // In time order: 31 crosses, 31.5 stays, 25 leaves, 32 crosses again.
        Assert.Equal([BaseTime, BaseTime.AddSeconds(30)], (await AlertsAsync(server, device)).Select(a => a.AlertTime));
    }

    [Fact]
    public async Task A_crossing_that_arrives_after_a_later_reading_still_raises_its_alert()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        // As when two batches of one device are ingested at once and the later one is checked first.
        await PostEachAsync(_admin, instance, deviceId, (10, 25), (5, 31));

        Assert.Equal([BaseTime.AddSeconds(5)], (await AlertsAsync(server, device)).Select(a => a.AlertTime));
    }

    [Fact]
    public async Task A_reading_older_than_the_crossing_does_not_turn_the_state_back()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await PostEachAsync(_admin, instance, deviceId, (10, 31), (5, 20), (20, 31));

        Assert.Equal([BaseTime.AddSeconds(10)], (await AlertsAsync(server, device)).Select(a => a.AlertTime));
    }

    [Fact]
    public async Task Measures_without_thresholds_raise_nothing()
    {
        var category = await CategoryAsync(
            _admin,
            new { name = "temperature", unit = "°C", low = 2.0, high = 30.0 },
            new { name = "humidity", unit = "%" });
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await PostAsync(_admin, instance, deviceId, [(0, 1000), (10, -1000)], measure: "humidity");
        await PostAsync(_admin, instance, deviceId, [(20, 1000), (30, -1000)], measure: "pressure");
        await PostAsync(_admin, instance, deviceId, [(40, 20)]);

        Assert.Empty(await AlertsAsync(server, device));
    }

    [Fact]
    public async Task Devices_without_a_category_raise_nothing()
    {
        var (instance, device, deviceId) = await DeviceAsync(_admin, categoryId: null);

        await PostEachAsync(_admin, instance, deviceId, (0, 1000), (10, -1000));

        Assert.Empty(await AlertsAsync(server, device));
    }

    [Fact]
    public async Task Each_device_has_its_own_state()
    {
        var category = await CategoryAsync(_admin);
        var (instance, first, firstId) = await DeviceAsync(_admin, category);
        var (_, second, secondId) = await DeviceAsync(_admin, category, instance);

        await PostEachAsync(_admin, instance, firstId, (0, 31));
        await PostEachAsync(_admin, instance, secondId, (10, 31));

        Assert.Single(await AlertsAsync(server, first));
        Assert.Single(await AlertsAsync(server, second));
    }

    [Fact]
    public async Task The_same_batch_sent_twice_raises_one_alert()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);
        (int, double)[] batch = [(0, 25), (10, 31), (20, 33)];

        await PostAsync(_admin, instance, deviceId, batch);
        await PostAsync(_admin, instance, deviceId, batch);

        Assert.Single(await AlertsAsync(server, device));
    }

    [Fact]
    public async Task Concurrent_requests_with_the_same_crossing_raise_one_alert()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(server.Client(), instance, deviceId, [(0, 25), (10, 31)])));

        Assert.Single(await AlertsAsync(server, device));
    }

    [Fact]
    public async Task Concurrent_requests_with_different_crossings_of_one_measure_raise_one_alert()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);
        await PostAsync(_admin, instance, deviceId, [(0, 25)]);

        // Each request's reading crosses on its own; they race, and only the first stored moves the state.
        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => PostAsync(server.Client(), instance, deviceId, [(i, 30 + i)])));

        Assert.Single(await AlertsAsync(server, device));
    }

    [Fact]
    public async Task A_connectors_telemetry_raises_alerts_through_the_same_path()
    {
        var category = await CategoryAsync(_admin);
        var (instance, device, deviceId) = await DeviceAsync(_admin, category);
        var sink = server.Services.GetRequiredService<ConnectorSinkFactory>().Create(instance);

        await sink.PublishTelemetryAsync([new TelemetryReport(deviceId, BaseTime, new Dictionary<string, double> { ["temperature"] = 1 })], CancellationToken.None);

        var alert = Assert.Single(await AlertsAsync(server, device));
        Assert.Equal("temperature 1 °C is below the low threshold 2 °C", alert.Description);
    }

    [Fact]
    public async Task A_category_made_after_the_rules_were_read_is_checked_at_once()
    {
        var early = await CategoryAsync(_admin);
        var (instance, _, earlyId) = await DeviceAsync(_admin, early);
        await PostAsync(_admin, instance, earlyId, [(0, 20)]);

        var late = await CategoryAsync(_admin, new { name = "pressure", unit = "bar", high = 12.0 });
        var (_, device, deviceId) = await DeviceAsync(_admin, late, instance);
        await PostAsync(_admin, instance, deviceId, [(10, 12.5)], measure: "pressure");

        Assert.Equal("pressure 12.5 bar is above the high threshold 12 bar", Assert.Single(await AlertsAsync(server, device)).Description);
    }
}

public sealed class ThresholdAlertsOnSqliteTests(SqliteServer server) : ThresholdAlertsTests(server), IClassFixture<SqliteServer>;

public sealed class ThresholdAlertsOnPostgresTests(PostgresServer server) : ThresholdAlertsTests(server), IClassFixture<PostgresServer>;
