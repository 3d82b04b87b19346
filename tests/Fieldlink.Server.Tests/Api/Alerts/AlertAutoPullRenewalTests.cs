using System.Net;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// A pull slower than the auto-pull lease — a vendor taking seconds per device, against a two-second lease — is made
/// once: the process making it renews its lease while the pull runs, so the other process, looking every 200 ms, never
/// finds the lease run out and never pulls the device again while the first lives.
/// </summary>
public sealed class AlertAutoPullRenewalTests : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_pull_slower_than_its_lease_is_made_once_by_the_process_that_claimed_it_never_again_by_the_other()
    {
        await using var first = Server();
        await using var second = Server();
        await ((IAsyncLifetime)first).InitializeAsync();
        await ((IAsyncLifetime)second).InitializeAsync();
        var admin = first.Client();
        await (await admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = true })).ReadObjectAsync(HttpStatusCode.OK);

        // The vendor takes five seconds to answer each pull: two and a half leases.
        var instance = await Registry.VendorInstanceAsync(admin, behaviour: "slowPull");
        var device = await Registry.DeviceAsync(admin, instance.Id());
        var alertId = (await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Overheat" })).AlertId();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Alert alert;
        while ((alert = await ReadAsync(first, alertId)).DataHistoryId is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The auto-pull was never made (pending: {alert.AutoPullPending}, lease owner: {alert.AutoPullLeaseOwner}).");
            await Task.Delay(100);
        }

        // A second pull, had the other process taken the lapsed lease, would end up to one pull's time after the first.
        await Task.Delay(TimeSpan.FromSeconds(7));
        var history = await (await admin.GetAsync($"/api/v1/devices/{device.Id()}/dataHistory")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(alert.DataHistoryId, Assert.Single(history["value"]!.AsArray())!.AsObject().Id());
        alert = await ReadAsync(second, alertId);
        Assert.Equal((false, null, null), (alert.AutoPullPending, alert.AutoPullLeaseOwner, alert.AutoPullLeaseUntil));
    }

    private FieldlinkServer Server() => PostgresServer.On(_database!)
        .With("Alerts:AutoPullLeaseDuration", "00:00:02")
        .With("Alerts:AutoPullPollInterval", "00:00:00.200");

    private static async Task<Alert> ReadAsync(FieldlinkServer server, Guid alertId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId);
    }
}
