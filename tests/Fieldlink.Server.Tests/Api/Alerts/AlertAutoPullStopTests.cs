using System.Net;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// An auto-pull a process had claimed (the alert leased to it) when it stopped cleanly — a rolling restart — is
/// handed back and made by the next process on the store, not lost with the claim.
/// </summary>
public sealed class AlertAutoPullStopTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task An_auto_pull_under_way_when_its_process_stops_is_handed_back_and_made_by_the_next_process()
    {
        var path = Path.Combine(_directory.Path, "fieldlink.db");
        Guid alertId;
        Guid deviceId;
        await using (var first = SqliteServer.At(path))
        {
            await ((IAsyncLifetime)first).InitializeAsync();
            var admin = first.Client();
            await (await admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = true })).ReadObjectAsync(HttpStatusCode.OK);

            // The vendor never answers a pull: the first process's pull is under way until it stops (the action
            // timeout, 30 s, is far off).
            var instance = await Registry.VendorInstanceAsync(admin, behaviour: "hang");
            var device = await Registry.DeviceAsync(admin, instance.Id());
            deviceId = device.Id();
            alertId = (await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Overheat" })).AlertId();
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((await ReadAsync(first, alertId)).AutoPullLeaseOwner is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "The first process never claimed the alert's auto-pull.");
                await Task.Delay(50);
            }

            Assert.Null((await ReadAsync(first, alertId)).DataHistoryId);
        }

        // The next process's pull of the same hanging vendor times out at once, which is recorded and linked as any pull.
        await using var second = SqliteServer.At(path).With("Connectors:ActionTimeout", "00:00:00.500");
        await ((IAsyncLifetime)second).InitializeAsync();
        var linkDeadline = DateTime.UtcNow.AddSeconds(15);
        Alert alert;
        while ((alert = await ReadAsync(second, alertId)).DataHistoryId is null)
        {
            Assert.True(DateTime.UtcNow < linkDeadline, $"The auto-pull claimed by the stopped process was never made (pending: {alert.AutoPullPending}).");
            await Task.Delay(50);
        }

        var history = await (await second.Client().GetAsync($"/api/v1/devices/{deviceId}/dataHistory")).ReadObjectAsync(HttpStatusCode.OK);
        var pull = Assert.Single(history["value"]!.AsArray())!.AsObject();
        Assert.Equal(pull.Id(), alert.DataHistoryId);
        Assert.False(alert.AutoPullPending);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static async Task<Alert> ReadAsync(FieldlinkServer server, Guid alertId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId);
    }
}
