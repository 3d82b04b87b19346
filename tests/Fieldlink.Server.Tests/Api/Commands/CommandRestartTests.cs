using System.Net;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Server.Tests.Api.Commands;

/// <summary>
/// A command the API accepted survives the process: queued by one server that stops before sending it, it is
/// sent once by the next, or expires, or stays canceled. On both databases.
/// </summary>
public abstract class CommandRestartTests : IAsyncLifetime
{
    /// <summary>Makes a server on the test's own store; the first one of a test does not send commands.</summary>
    protected abstract FieldlinkServer NewServer();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task A_command_queued_before_a_restart_is_sent_once_after_it()
    {
        var (commandId, _) = await QueueWithoutSendingAsync(null);

        await using var second = await StartAsync(sending: true);
        await CommandsTests.WaitForAsync(second.Client(), commandId, "Succeeded");
        Assert.Equal(1, TestVendorInstance.Sent[commandId]);
    }

    [Fact]
    public async Task A_command_that_expired_while_no_process_sent_it_is_Expired_and_never_sent()
    {
        var (commandId, _) = await QueueWithoutSendingAsync(TimeSpan.FromSeconds(1));

        // The next process starts when the command has expired: on a clock two seconds ahead, rather than after a wait.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(2)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        await using var second = await StartAsync(sending: true, later);
        var done = await CommandsTests.WaitForAsync(second.Client(), commandId, "Expired");
        Assert.Null(done["sentAt"]);
        Assert.False(TestVendorInstance.Sent.ContainsKey(commandId));
    }

    [Fact]
    public async Task A_command_canceled_while_queued_stays_canceled()
    {
        Guid commandId;
        Guid deviceId;
        await using (var first = await StartAsync(sending: false))
        {
            var client = first.Client();
            var queued = await QueueAsync(client, null);
            (commandId, deviceId) = (queued.Id(), Guid.Parse((string)queued["deviceRecordId"]!));
            var canceled = await (await client.PostAsync($"/api/v1/commands/{commandId}/cancel", null)).ReadObjectAsync(HttpStatusCode.OK);
            Assert.Equal("Canceled", (string)canceled["status"]!);
        }

        await using var second = await StartAsync(sending: true);

        // A later command to the same device, stored as the first was: the dispatcher claims the oldest first and
        // sends one device's commands in order, so once this one succeeded the canceled one would have been sent.
        var marker = new Command { DeviceRecordId = deviceId, Name = "Reset Thermostat" };
        await using (var scope = second.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            db.Commands.Add(marker);
            await db.SaveChangesAsync();
        }

        second.Services.GetRequiredService<CommandSignal>().Notify();
        await CommandsTests.WaitForAsync(second.Client(), marker.Id, "Succeeded");
        var command = await (await second.Client().GetAsync($"/api/v1/commands/{commandId}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Canceled", (string)command["status"]!);
        Assert.False(TestVendorInstance.Sent.ContainsKey(commandId));
    }

    [Fact]
    public async Task A_command_held_by_a_process_that_died_is_taken_over_when_its_lease_runs_out()
    {
        Guid commandId;
        await using (var first = await StartAsync(sending: false))
        {
            commandId = (await QueueAsync(first.Client(), null)).Id();
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            await db.Commands.Where(c => c.Id == commandId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, "a-process-that-died").SetProperty(c => c.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(1)));
        }

        await using var second = await StartAsync(sending: true);
        await CommandsTests.WaitForAsync(second.Client(), commandId, "Succeeded");
        Assert.Equal(1, TestVendorInstance.Sent[commandId]);
    }

    [Fact]
    public async Task A_hand_over_that_outlasts_the_lease_is_not_sent_again_by_another_live_process()
    {
        // Two processes poll every 200 ms with a two-second lease; the vendor takes three seconds to take a command, so
        // the lease would run out during the hand-over unless it is renewed. (A one-second lease, renewed every third of
        // a second, left too little slack for a renewal on a loaded machine: a CI run saw it lapse.)
        await using var first = await StartAsync(sending: true, ("Commands:LeaseDuration", "00:00:02"), ("Connectors:ActionTimeout", "00:00:10"));
        await using var second = await StartAsync(sending: true, ("Commands:LeaseDuration", "00:00:02"), ("Connectors:ActionTimeout", "00:00:10"));
        var client = first.Client();
        var device = await Registry.DeviceAsync(client, (await Registry.VendorInstanceAsync(client, commandOutcome: "slow")).Id());

        var queued = await CommandsTests.SendAsync(client, device.Id(), "Reset Thermostat");

        // The vendor reports the outcome while its hand-over is still under way; the try is counted once the hand-over
        // returns, and only by the process still holding the lease. Had the other process claimed the command when the
        // lease ran out, its own hand-over (counted by the vendor first) would be the one to record the try.
        var done = await CommandsTests.WaitForAsync(second.Client(), queued.Id(), "Succeeded", c => (int)c["attempts"]! >= 1);
        Assert.Equal(1, TestVendorInstance.Sent[queued.Id()]);
        Assert.Equal(1, (int)done["attempts"]!);
    }

    private async Task<(Guid CommandId, Guid DeviceId)> QueueWithoutSendingAsync(TimeSpan? expiresIn)
    {
        await using var first = await StartAsync(sending: false);
        var client = first.Client();
        var command = await QueueAsync(client, expiresIn);
        await Task.Delay(200);
        var stillQueued = await (await client.GetAsync($"/api/v1/commands/{command.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Queued", (string)stillQueued["status"]!);
        return (command.Id(), Guid.Parse((string)command["deviceRecordId"]!));
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> QueueAsync(HttpClient client, TimeSpan? expiresIn)
    {
        var instance = await Registry.VendorInstanceAsync(client);
        var device = await Registry.DeviceAsync(client, instance.Id());
        return await CommandsTests.SendAsync(client, device.Id(), "Reset Thermostat", expiresAt: DateTimeOffset.UtcNow + expiresIn);
    }

    private Task<FieldlinkServer> StartAsync(bool sending, params (string Key, string Value)[] settings) => StartAsync(sending, null, settings);

    private async Task<FieldlinkServer> StartAsync(bool sending, TimeProvider? clock, params (string Key, string Value)[] settings)
    {
        var server = NewServer().With("Commands:DispatcherEnabled", sending ? "true" : "false").With("Commands:PollInterval", "00:00:00.200");
        if (clock is not null)
        {
            server.WithServices(services => services.AddSingleton(clock));
        }

        foreach (var (key, value) in settings)
        {
            server.With(key, value);
        }

        await ((IAsyncLifetime)server).InitializeAsync();
        return server;
    }
}

public sealed class CommandRestartOnSqliteTests : CommandRestartTests
{
    private readonly TempDirectory _directory = new();

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    protected override FieldlinkServer NewServer() => SqliteServer.At(Path.Combine(_directory.Path, "fieldlink.db"));
}

public sealed class CommandRestartOnPostgresTests : CommandRestartTests
{
    private TestDatabase? _database;

    public override async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override FieldlinkServer NewServer() => PostgresServer.On(_database!);
}
