using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>Active → InProgress → Closed and reopened; a group moves together; commands and rollups follow. Both databases.</summary>
public abstract class AlertLifecycleTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task An_alert_goes_InProgress_Closed_and_is_reopened_with_its_group()
    {
        var (instance, device) = await DeviceAsync();
        var parent = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = device, description = "Overheat" });
        var child = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = device, description = "Overheat" });
        Assert.Equal(parent.AlertId(), child.ParentId());

        var inProgress = await (await _admin.PatchJsonAsync($"/api/v1/alerts/{child.AlertId()}", new { status = "InProgress" })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("InProgress", (string)inProgress["status"]!);
        Assert.Equal("Manual", (string)inProgress["statusReason"]!);
        Assert.Equal("InProgress", (string)(await AlertPosts.ReadAsync(_admin, parent.AlertId()))["status"]!);

        await (await _admin.PatchJsonAsync($"/api/v1/alerts/{parent.AlertId()}", new { status = "Closed" })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Closed", (string)(await AlertPosts.ReadAsync(_admin, child.AlertId()))["status"]!);

        await (await _admin.PatchJsonAsync($"/api/v1/alerts/{parent.AlertId()}", new { status = "InProgress" })).ReadProblemAsync(HttpStatusCode.Conflict);
        var reopened = await (await _admin.PatchJsonAsync($"/api/v1/alerts/{parent.AlertId()}", new { status = "Active" })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Active", (string)reopened["status"]!);
        Assert.Equal("Reopened", (string)reopened["statusReason"]!);
    }

    [Fact]
    public async Task A_person_says_why_with_a_note_the_group_carries_until_the_next_move()
    {
        var (instance, device) = await DeviceAsync();
        var parent = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = device, description = "Overheat" });
        var child = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = device, description = "Overheat" });
        var url = $"/api/v1/alerts/{child.AlertId()}";

        var closed = await (await _admin.PatchJsonAsync(url, new { status = "Closed", statusNote = "  False alarm: sensor recalibrated  " })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("False alarm: sensor recalibrated", (string)closed["statusNote"]!);
        Assert.Equal("False alarm: sensor recalibrated", (string)(await AlertPosts.ReadAsync(_admin, parent.AlertId()))["statusNote"]!);

        // The same status with another note changes only the note; a move without one clears it.
        var renoted = await (await _admin.PatchJsonAsync(url, new { status = "Closed", statusNote = "Recalibrated on site" })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(("Closed", "Recalibrated on site"), ((string)renoted["status"]!, (string)renoted["statusNote"]!));
        var reopened = await (await _admin.PatchJsonAsync(url, new { status = "Active" })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Reopened", (string)reopened["statusReason"]!);
        Assert.Null(reopened["statusNote"]);

        await (await _admin.PatchJsonAsync(url, new { status = "InProgress", statusNote = new string('n', 1001) })).ReadFieldErrorAsync("statusNote");
        Assert.Equal("Active", (string)(await AlertPosts.ReadAsync(_admin, child.AlertId()))["status"]!);
    }

    [Fact]
    public async Task A_bad_status_change_is_400_or_412_and_changes_nothing()
    {
        var (instance, device) = await DeviceAsync();
        var alert = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = device, description = "Overheat" });
        var url = $"/api/v1/alerts/{alert.AlertId()}";

        await (await _admin.PatchJsonAsync(url, new { })).ReadFieldErrorAsync("status");
        await (await _admin.PatchJsonAsync(url, new { status = "Snoozed" })).ReadFieldErrorAsync("status");
        await (await _admin.PatchJsonAsync(url, new { status = "Closed" }, ifMatch: "\"999\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await _admin.PatchJsonAsync($"/api/v1/alerts/{Guid.NewGuid()}", new { status = "Closed" })).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("Active", (string)(await AlertPosts.ReadAsync(_admin, alert.AlertId()))["status"]!);
    }

    [Fact]
    public async Task A_command_that_answers_an_alert_moves_it_InProgress()
    {
        var (instance, device) = await DeviceAsync();
        var alert = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = device, description = "Overheat" });
        var deviceRecord = Guid.Parse((string)(await AlertPosts.ReadAsync(_admin, alert.AlertId()))["deviceRecordId"]!);

        var command = await (await _admin.PostJsonAsync($"/api/v1/devices/{deviceRecord}/commands", new { name = "Reset Thermostat", alertId = alert.AlertId() })).ReadObjectAsync(HttpStatusCode.Accepted);

        Assert.Equal(alert.AlertId(), Guid.Parse((string)command["alertId"]!));
        var read = await AlertPosts.ReadAsync(_admin, alert.AlertId());
        Assert.Equal("InProgress", (string)read["status"]!);
        Assert.Equal("CommandSent", (string)read["statusReason"]!);
        await (await _admin.PostJsonAsync($"/api/v1/devices/{deviceRecord}/commands", new { name = "X", alertId = Guid.NewGuid() })).ReadFieldErrorAsync("alertId");
    }

    [Fact]
    public async Task A_customer_asset_counts_its_open_parent_alerts_and_knows_the_latest()
    {
        var instance = (await Registry.VendorInstanceAsync(_admin)).Id();
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Rooftop HVAC") });
        var a = await _admin.CreateAsync("devices", new { providerInstanceId = instance, name = "A", deviceId = Registry.Unique("a"), customerAssetId = asset.Id() });
        var b = await _admin.CreateAsync("devices", new { providerInstanceId = instance, name = "B", deviceId = Registry.Unique("b"), customerAssetId = asset.Id() });
        var latest = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());

        var first = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = (string)a["deviceId"]!, description = "One", alertTime = latest.AddMinutes(-30) });
        await AlertPosts.CreateAsync(_admin, instance, new { deviceId = (string)a["deviceId"]!, description = "One again", alertTime = latest.AddMinutes(-29) });
        await AlertPosts.CreateAsync(_admin, instance, new { deviceId = (string)b["deviceId"]!, description = "Two", alertTime = latest });

        var read = await (await _admin.GetAsync($"/api/v1/customerAssets/{asset.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)read["activeAlertCount"]!);
        Assert.Equal(latest, DateTimeOffset.Parse((string)read["lastAlertAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        await (await _admin.PatchJsonAsync($"/api/v1/alerts/{first.AlertId()}", new { status = "Closed" })).ReadObjectAsync(HttpStatusCode.OK);
        var after = await (await _admin.GetAsync($"/api/v1/customerAssets/{asset.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)after["activeAlertCount"]!);
    }

    [Fact]
    public async Task Technicians_read_alerts_but_may_not_change_them()
    {
        var (instance, device) = await DeviceAsync();
        var alert = await AlertPosts.CreateAsync(_admin, instance, new { deviceId = device, description = "Overheat" });
        var technician = server.Client(await Registry.KeyAsync(_admin, "Technician"));

        Assert.Equal(HttpStatusCode.OK, (await technician.GetAsync($"/api/v1/alerts/{alert.AlertId()}")).StatusCode);
        await (await technician.PatchJsonAsync($"/api/v1/alerts/{alert.AlertId()}", new { status = "Closed" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await technician.PostJsonAsync($"/api/v1/ingest/alerts?instance={instance}", new { deviceId = device, description = "x" })).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<(Guid Instance, string DeviceId)> DeviceAsync()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        return (instance.Id(), (string)device["deviceId"]!);
    }
}

public sealed class AlertLifecycleOnSqliteTests(SqliteServer server) : AlertLifecycleTests(server), IClassFixture<SqliteServer>;

public sealed class AlertLifecycleOnPostgresTests(PostgresServer server) : AlertLifecycleTests(server), IClassFixture<PostgresServer>;
