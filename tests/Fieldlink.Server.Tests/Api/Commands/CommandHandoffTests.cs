using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Commands;

/// <summary>
/// The fast path of a command: queued here, it is handed to this process's dispatcher in memory rather than found by
/// the poll; a cancel still takes it while it waits; and the device's acks are stored a batch at a time. On both
/// databases, a server per test, its poll interval five minutes so nothing here can rely on the poll.
/// </summary>
public abstract class CommandHandoffTests : IAsyncLifetime
{
    private FieldlinkServer _server = null!;
    private HttpClient _admin = null!;

    protected abstract FieldlinkServer NewServer();

    public virtual async Task InitializeAsync()
    {
        _server = NewServer()
            .With("Commands:PollInterval", "00:05:00")
            .With("Connectors:ActionTimeout", "00:00:10")
            .With("Webhooks:AllowedHosts:0", "127.0.0.1");
        await ((IAsyncLifetime)_server).InitializeAsync();
        _admin = _server.Client();
    }

    public virtual async Task DisposeAsync() => await ((IAsyncLifetime)_server).DisposeAsync();

    [Fact]
    public async Task A_command_queued_through_the_API_is_sent_without_waiting_for_the_poll_interval()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        var queued = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");

        await CommandsTests.WaitForAsync(_admin, queued.Id(), "Succeeded");
        Assert.Equal(1, TestVendorInstance.Sent[queued.Id()]);
    }

    [Fact]
    public async Task A_command_waiting_for_the_dispatcher_can_be_canceled_and_is_never_sent()
    {
        var hanging = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin, behaviour: "hang")).Id());
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());
        var handoff = _server.Services.GetRequiredService<CommandHandoff>();

        // The dispatcher takes the first command and waits on its hand-over (until the action timeout), so the device's
        // next command waits in the hand-off, where a cancel takes it back.
        await CommandsTests.SendAsync(_admin, hanging.Id(), "Reset Thermostat");
        await WaitUntilAsync(() => handoff.Count == 0, "the dispatcher took the hanging command");
        var waiting = await CommandsTests.SendAsync(_admin, hanging.Id(), "Reset Thermostat");
        Assert.Equal(1, handoff.Count);

        var canceled = await (await _admin.PostAsync($"/api/v1/commands/{waiting.Id()}/cancel", null)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Canceled", (string)canceled["status"]!);
        Assert.Equal(0, handoff.Count);

        // Another device's command is not held up by the hanging one; the canceled one was never sent.
        var other = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");
        await CommandsTests.WaitForAsync(_admin, other.Id(), "Succeeded");
        Assert.False(TestVendorInstance.Sent.ContainsKey(waiting.Id()));
        var stored = await (await _admin.GetAsync($"/api/v1/commands/{waiting.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Canceled", (string)stored["status"]!);
        Assert.Null(stored["sentAt"]);
    }

    [Fact]
    public async Task A_batch_of_acks_moves_each_command_once_per_step_and_writes_each_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Webhooks.Webhooks.SubscribeAsync(_admin, receiver.Url(), "command.status_changed");
        var instance = await Registry.VendorInstanceAsync(_admin, commandOutcome: "none");
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var first = (await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat")).Id();
        var second = (await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat")).Id();
        await CommandsTests.WaitForAsync(_admin, first, "Sent");
        await CommandsTests.WaitForAsync(_admin, second, "Sent");

        int moved;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var recorder = scope.ServiceProvider.GetRequiredService<CommandStatusRecorder>();
            moved = await recorder.RecordAsync(instance.Id(), [
                new CommandStatusReport(first, CommandStatus.Delivered),
                new CommandStatusReport(second, CommandStatus.Succeeded, new JsonObject { ["echo"] = "second" }),
                new CommandStatusReport(first, CommandStatus.Succeeded, new JsonObject { ["echo"] = "first" }),
                new CommandStatusReport(second, CommandStatus.Succeeded, new JsonObject { ["echo"] = "a repeat" }),
                new CommandStatusReport(second, CommandStatus.Delivered),
                new CommandStatusReport(Guid.NewGuid(), CommandStatus.Succeeded),
            ], CancellationToken.None);
        }

        Assert.Equal(3, moved);
        var a = await (await _admin.GetAsync($"/api/v1/commands/{first}")).ReadObjectAsync(HttpStatusCode.OK);
        var b = await (await _admin.GetAsync($"/api/v1/commands/{second}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(("Succeeded", "first"), ((string)a["status"]!, (string)a["response"]!["echo"]!));
        Assert.NotNull(a["deliveredAt"]);
        Assert.Equal(("Succeeded", "second"), ((string)b["status"]!, (string)b["response"]!["echo"]!));
        Assert.Null(b["deliveredAt"]);

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var payloads = await db.Set<Fieldlink.Core.Webhooks.WebhookDelivery>().AsNoTracking()
                .Where(d => d.EventType == "command.status_changed").Select(d => d.Payload).ToListAsync();
            var steps = payloads.Select(p => JsonNode.Parse(p)!["data"]!)
                .Where(d => (Guid)d["id"]! == first || (Guid)d["id"]! == second)
                .Select(d => ((Guid)d["id"]!, (string?)d["previousStatus"], (string)d["status"]!))
                .Where(s => s.Item2 != "Queued")
                .Order()
                .ToList();
            Assert.Equal(
                new[] { (first, (string?)"Delivered", "Succeeded"), (first, "Sent", "Delivered"), (second, "Sent", "Succeeded") }.Order().ToList(),
                steps);
        }
    }

    [Fact]
    public async Task An_ack_reported_through_another_instance_moves_nothing()
    {
        var instance = await Registry.VendorInstanceAsync(_admin, commandOutcome: "none");
        var other = await Registry.VendorInstanceAsync(_admin, commandOutcome: "none");
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var command = (await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat")).Id();
        await CommandsTests.WaitForAsync(_admin, command, "Sent");

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var recorder = scope.ServiceProvider.GetRequiredService<CommandStatusRecorder>();
            Assert.Equal(0, await recorder.RecordAsync(other.Id(), [new CommandStatusReport(command, CommandStatus.Succeeded)], CancellationToken.None));
        }

        var stored = await (await _admin.GetAsync($"/api/v1/commands/{command}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Sent", (string)stored["status"]!);
    }

    [Fact]
    public async Task Commands_queued_at_once_are_stored_and_sent_and_one_the_store_refuses_fails_alone()
    {
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());
        var deviceId = device.Id();

        // Queued together, the calls share writes; one names an alert that does not exist, which the store refuses.
        var calls = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var scope = _server.Services.CreateAsyncScope();
            var request = new CommandRequest("Reset Thermostat", new JsonObject { ["n"] = i }, i == 5 ? Guid.NewGuid() : null, null, null);
            return (await scope.ServiceProvider.GetRequiredService<CommandIntake>().EnqueueAsync([deviceId], request, null, CancellationToken.None))[0].Id;
        })).ToList();
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => calls[5]);
        var queued = new List<Guid>();
        foreach (var call in calls.Where((_, i) => i != 5))
        {
            queued.Add(await call);
        }

        foreach (var id in queued)
        {
            await CommandsTests.WaitForAsync(_admin, id, "Succeeded");
        }

        await using var check = _server.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        Assert.Equal(11, await db.Commands.CountAsync(c => c.DeviceRecordId == deviceId));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 20 s for: {what}");
            await Task.Delay(20);
        }
    }
}

public sealed class CommandHandoffOnSqliteTests : CommandHandoffTests
{
    private readonly TempDirectory _directory = new();

    protected override FieldlinkServer NewServer() => SqliteServer.At(Path.Combine(_directory.Path, "fieldlink.db"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

public sealed class CommandHandoffOnPostgresTests : CommandHandoffTests
{
    private TestDatabase? _database;

    protected override FieldlinkServer NewServer() => PostgresServer.On(_database!);

    public override async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
