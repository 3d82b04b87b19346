using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Connectors.AzureIoTHub.Tests.EventHubs;

/// <summary>
/// The processor's batch handler, as the processor calls it for a partition it owns: what a batch holds is stored,
/// then the checkpoint is written into the store after its last event; nothing is checkpointed that was not stored.
/// </summary>
public abstract partial class CheckpointStoreTests
{
    private readonly CollectingSink _sink = new();

    /// <summary>The instances' log: a test that provokes an error says so (<see cref="TestLog.ExpectErrors"/>).</summary>
    private readonly TestLog _log = new();

    [Fact]
    public async Task A_batch_is_stored_then_checkpointed_after_its_last_event_and_the_ownership_s_version_stays()
    {
        var owned = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", "node-a")], CancellationToken.None));
        await using var instance = OpenInstance();
        var processor = instance.NewProcessor(Store());
        var alert = new Dictionary<string, object> { ["fieldlink-alert"] = "Pressure low" };

        await processor.ProcessBatchAsync(
            [
                IoTHubEvents.Telemetry("pump-7", """{"Pressure":1.2}""", 10),
                IoTHubEvents.Telemetry("pump-7", """{"Pressure":0.4}""", 11, alert, messageId: "m-11"),
                IoTHubEvents.Connection("pump-7", "deviceDisconnected", 12, IoTHubEvents.Enqueued),
            ],
            "0",
            CancellationToken.None);

        Assert.Equal([1.2, 0.4], _sink.Telemetry.Select(t => t.Values["Pressure"]));
        Assert.Equal("pump-7/m-11", Assert.Single(_sink.Alerts).Token);
        Assert.Equal(ConnectionState.Disconnected, Assert.Single(_sink.States).ConnectionState);
        var row = await PartitionAsync("0");
        Assert.Equal((12L, "6144", "node-a"), (row.SequenceNumber, row.Offset, row.CheckpointedBy));
        Assert.Equal(owned.Version, row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(InstanceConnectionState.Connected, _sink.Connections);
    }

    [Fact]
    public async Task A_store_that_is_down_is_tried_again_and_the_batch_is_checkpointed_only_once_stored()
    {
        await using var instance = OpenInstance();
        var processor = instance.NewProcessor(Store());
        _sink.FailNext = new ConnectorException("The store is down.", isTransient: true);

        var processing = processor.ProcessBatchAsync([IoTHubEvents.Telemetry("pump-7", """{"Pressure":1.2}""", 20)], "1", CancellationToken.None);
        await WaitUntilAsync(() => _sink.Calls == 1);
        var beforeRetry = await AnyPartitionAsync();
        for (var i = 0; i < 50 && !processing.IsCompleted; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await processing;
        Assert.False(beforeRetry);
        Assert.Equal(2, _sink.Calls);
        Assert.Single(_sink.Telemetry);
        Assert.Equal(20L, (await PartitionAsync("1")).SequenceNumber);
    }

    [Fact]
    public async Task A_batch_the_store_refuses_for_good_is_kept_as_dead_letters_then_checkpointed()
    {
        await using var instance = OpenInstance();
        var processor = instance.NewProcessor(Store());
        _sink.FailNext = new ConnectorException("Refused.", isTransient: false);
        using var refusal = _log.ExpectErrors("EventHubsBatchDeadLettered");

        await processor.ProcessBatchAsync(
            [IoTHubEvents.Telemetry("pump-7", """{"Pressure":1.2}""", 30), IoTHubEvents.Telemetry("pump-8", """{"Pressure":1.3}""", 31)], "2", CancellationToken.None);

        Assert.Empty(_sink.Telemetry);
        Assert.Equal(["pump-7", "pump-8"], _sink.DeadLetters.Select(d => d.DeviceId));
        Assert.All(_sink.DeadLetters, d => Assert.Contains("The store refused the batch: Refused.", d.Reason, StringComparison.Ordinal));
        Assert.Equal("""{"Pressure":1.3}""", (string)JsonNode.Parse(_sink.DeadLetters.Last().Payload)!["body"]!);
        Assert.Equal(31L, (await PartitionAsync("2")).SequenceNumber);
    }

    [Fact]
    public async Task A_refused_batch_the_store_cannot_keep_as_dead_letters_either_waits_without_a_checkpoint()
    {
        await using var instance = OpenInstance();
        var processor = instance.NewProcessor(Store());
        _sink.FailNext = new ConnectorException("Refused.", isTransient: false);
        _sink.FailDeadLetters = 1;
        using var refusal = _log.ExpectErrors("EventHubsBatchDeadLettered");
        using var noDeadLetters = _log.ExpectErrors("EventHubsBatchFailed");

        var processing = processor.ProcessBatchAsync([IoTHubEvents.Telemetry("pump-7", """{"Pressure":1.2}""", 32)], "3", CancellationToken.None);
        await WaitUntilAsync(() => _sink.Calls == 2);
        var beforeRetry = await AnyPartitionAsync();
        for (var i = 0; i < 50 && !processing.IsCompleted; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await processing;
        Assert.False(beforeRetry);
        Assert.Single(_sink.Telemetry);
        Assert.Empty(_sink.DeadLetters);
        Assert.Equal(32L, (await PartitionAsync("3")).SequenceNumber);
    }

    [Fact]
    public async Task A_twin_change_event_completes_the_desired_property_command_it_reports_back_at_once()
    {
        await using var hub = await FakeIoTHub.StartAsync(Time);
        hub.AddDevice("pump-7");
        await using var instance = OpenInstance(hub.Url);
        var command = new DeviceCommand(Guid.NewGuid(), new DeviceRef(Guid.NewGuid(), "pump-7", "pump-7", null, Simulated: false), "Set Interval", new JsonObject { ["telemetryInterval"] = 500 }, Time.GetUtcNow().AddHours(1));
        await instance.SendCommandAsync(command, CancellationToken.None);
        var processor = instance.NewProcessor(Store());

        await processor.ProcessBatchAsync(
            [
                IoTHubEvents.TwinChange("pump-7", """{"version":3,"properties":{"reported":{"firmware":"2.1"}}}""", 40),
                IoTHubEvents.TwinChange("pump-7", """{"version":4,"properties":{"reported":{"telemetryInterval":500,"$version":3}}}""", 41),
            ],
            "0",
            CancellationToken.None);

        Assert.Equal([CommandStatus.Delivered, CommandStatus.Succeeded], _sink.Statuses.Select(s => s.Status));
        Assert.Equal(500, (int)_sink.Statuses.Last().Response!["telemetryInterval"]!);
        Assert.Equal(0, instance.WatchedCommands);
        Assert.Equal(["firmware", "telemetryInterval"], _sink.States.SelectMany(s => s.ReportedProperties!.Select(p => p.Key)));
    }

    [Fact]
    public async Task A_desired_property_command_left_Delivered_before_a_restart_is_watched_again_and_completed_by_a_twin_change()
    {
        var (waiting, elsewhere) = await DeliveredCommandsAsync();
        await using var instance = OpenInstance();

        await instance.WatchDeliveredCommandsAsync(CancellationToken.None);
        var watched = instance.WatchedCommands;
        await instance.NewProcessor(Store()).ProcessBatchAsync(
            [IoTHubEvents.TwinChange("pump-7", """{"version":4,"properties":{"reported":{"telemetryInterval":500}}}""", 50)], "0", CancellationToken.None);

        Assert.Equal(1, watched);
        var status = Assert.Single(_sink.Statuses);
        Assert.Equal((waiting, CommandStatus.Succeeded), (status.CommandId, status.Status));
        Assert.NotEqual(elsewhere, status.CommandId);
    }

    [Fact]
    public async Task A_routed_identity_deletion_sets_the_device_Unregistered_with_a_history_record()
    {
        await using (var db = NewContext())
        {
            db.Devices.Add(new Core.Devices.Device { Name = "Pump 8", DeviceId = "pump-8", ProviderInstanceId = InstanceId, RegistrationStatus = RegistrationStatus.Registered });
            await db.SaveChangesAsync();
        }

        await using var instance = OpenInstance();

        await instance.NewProcessor(Store()).ProcessBatchAsync([IoTHubEvents.Lifecycle("pump-8", "deleteDeviceIdentity", 60)], "0", CancellationToken.None);

        await using var read = NewContext();
        var device = await read.Devices.AsNoTracking().SingleAsync(d => d.DeviceId == "pump-8");
        Assert.Equal(RegistrationStatus.Unregistered, device.RegistrationStatus);
        Assert.Equal(RegistrationStatus.Unregistered, (await read.RegistrationHistory.AsNoTracking().SingleAsync(h => h.DeviceRecordId == device.Id)).Status);
        Assert.Equal(60L, (await PartitionAsync("0")).SequenceNumber);
    }

    /// <summary>
    /// The instance's start with the real processor of Azure.Messaging.EventHubs, against an endpoint on loopback where
    /// nothing listens (no AMQP server is at hand): the library checks the endpoint at start, and the instance fails
    /// its start as a transient failure naming the endpoint and the cause, shown Disconnected, so Fieldlink opens it
    /// again later.
    /// </summary>
    [Fact]
    public async Task An_instance_whose_endpoint_cannot_be_reached_fails_its_start_as_transient_and_shows_Disconnected()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var instance = OpenInstance(eventHubsConnectionString: $"Endpoint=sb://127.0.0.1:{port}/;SharedAccessKeyName=service;SharedAccessKey={FakeIoTHub.PolicyKey};EntityPath={Hub};UseDevelopmentEmulator=true");
        try
        {
            var failure = await Assert.ThrowsAsync<ConnectorException>(() => instance.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90)));

            Assert.True(failure.IsTransient);
            Assert.Contains($"127.0.0.1, {Hub}, consumer group {Group}", failure.Message, StringComparison.Ordinal);
            Assert.Contains("refused", failure.Message, StringComparison.OrdinalIgnoreCase);
            // The processor's error handler may have reported the same failure too.
            Assert.Equal(InstanceConnectionState.Connecting, _sink.Connections.First());
            Assert.Equal([InstanceConnectionState.Disconnected], _sink.Connections.Skip(1).Distinct());
        }
        finally
        {
            await instance.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(45));
        }
    }

    /// <summary>A Delivered command to pump-7 of this test's instance, and one to a device of another instance.</summary>
    private async Task<(Guid Waiting, Guid Elsewhere)> DeliveredCommandsAsync()
    {
        await using var db = NewContext();
        var provider = await db.Providers.SingleAsync();
        var other = new Core.Providers.ProviderInstance { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "another hub" };
        var pump = new Core.Devices.Device { Name = "Pump 7", DeviceId = "pump-7", ProviderInstanceId = InstanceId };
        var pumpElsewhere = new Core.Devices.Device { Name = "Pump 7 elsewhere", DeviceId = "pump-7", ProviderInstanceId = other.Id };
        db.AddRange(other, pump, pumpElsewhere);
        await db.SaveChangesAsync();

        // After the save: a device's id is drawn when it is added.
        var waiting = new Core.Commands.Command { DeviceRecordId = pump.Id, Name = "Set Interval", Parameters = """{"telemetryInterval":500}""", Status = CommandStatus.Delivered, ExpiresAt = Time.GetUtcNow().AddHours(1) };
        var elsewhere = new Core.Commands.Command { DeviceRecordId = pumpElsewhere.Id, Name = "Set Interval", Parameters = """{"telemetryInterval":500}""", Status = CommandStatus.Delivered };
        var done = new Core.Commands.Command { DeviceRecordId = pump.Id, Name = "Set Interval", Parameters = """{"telemetryInterval":500}""", Status = CommandStatus.Succeeded };
        db.AddRange(waiting, elsewhere, done);
        await db.SaveChangesAsync();
        return (waiting.Id, elsewhere.Id);
    }

    private AzureIoTHubInstance OpenInstance(Uri? hubUrl = null, string? eventHubsConnectionString = null)
    {
        var settings = new AzureIoTHubSettings
        {
            ConnectionString = $"HostName={FakeIoTHub.HostName};SharedAccessKeyName={FakeIoTHub.PolicyName};SharedAccessKey={FakeIoTHub.PolicyKey}",
            ServiceUrl = hubUrl?.ToString(),
            TelemetrySource = TelemetrySource.EventHubs,
            EventHubsConnectionString = eventHubsConnectionString ?? $"Endpoint=sb://{Namespace}/;SharedAccessKeyName=service;SharedAccessKey={FakeIoTHub.PolicyKey};EntityPath={Hub}",
            EventHubsConsumerGroup = Group,
            CommandDelivery = CommandDelivery.DesiredProperties,
        };
        return new AzureIoTHubInstance(settings, new ConnectorContext(InstanceId, "Hub under test", null, settings, _sink, _log, Time), Scopes, "node-a");
    }

    private async Task<Core.Connectors.EventHubs.AzureIoTHubPartition> PartitionAsync(string partitionId)
    {
        await using var db = NewContext();
        return await db.AzureIoTHubPartitions.AsNoTracking().SingleAsync(p => p.ProviderInstanceId == InstanceId && p.PartitionId == partitionId);
    }

    private async Task<bool> AnyPartitionAsync()
    {
        await using var db = NewContext();
        return await db.AzureIoTHubPartitions.AnyAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? atMost = null)
    {
        var until = DateTime.UtcNow + (atMost ?? TimeSpan.FromSeconds(2));
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
