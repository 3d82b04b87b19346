using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>Commands go out on the device's command topic and come back as the device's ack; registration publishes the config.</summary>
public sealed class MqttCommandTests
{
    [Theory]
    [InlineData(BrokerKind.Mosquitto)]
    [InlineData(BrokerKind.Embedded)]
    public async Task A_command_reaches_the_device_and_its_ack_reports_the_outcome(BrokerKind kind)
    {
        await using var broker = await Broker.StartAsync(kind);
        var sink = new RecordingSink();
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        using var device = await broker.DeviceAsync();
        var received = new ConcurrentQueue<(string Topic, JsonObject Body)>();
        device.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue((e.ApplicationMessage.Topic, JsonNode.Parse(e.ApplicationMessage.Payload.ToArray())!.AsObject()));
            return Task.CompletedTask;
        };
        await device.SubscribeAsync("devices/pump-1/commands/+", MqttQualityOfServiceLevel.AtLeastOnce);

        var pump = new DeviceRef(Guid.NewGuid(), "pump-1", "Pump 1", null, false);
        var commandId = Guid.NewGuid();
        var accepted = await instance.SendCommandAsync(
            new DeviceCommand(commandId, pump, "Set Values", new JsonObject { ["speed"] = 3 }, null), CancellationToken.None);
        Assert.True(accepted.Accepted, accepted.Reason);
        await WaitAsync(() => !received.IsEmpty, "the command at the device");
        var (topic, body) = Assert.Single(received);
        Assert.Equal($"devices/pump-1/commands/{commandId}", topic);
        Assert.Equal(("Set Values", 3, commandId.ToString()), ((string)body["name"]!, (int)body["parameters"]!["speed"]!, (string)body["commandId"]!));

        await Broker.PublishAsync(device, topic + "/ack", """{"status": "succeeded", "payload": {"speed": 3}}""");
        await sink.WaitForAsync(s => s.Statuses.Count == 1, "the ack");
        var status = Assert.Single(sink.Statuses);
        Assert.Equal((commandId, CommandStatus.Succeeded), (status.CommandId, status.Status));
        Assert.Equal(3, (int)status.Response!["speed"]!);

        var failedId = Guid.NewGuid();
        Assert.True((await instance.SendCommandAsync(new DeviceCommand(failedId, pump, "Reboot", [], null), CancellationToken.None)).Accepted);
        await Broker.PublishAsync(device, $"devices/pump-1/commands/{failedId}/ack", """{"status": "failed", "error": "Busy"}""");
        await sink.WaitForAsync(s => s.Statuses.Count == 2, "the second ack");
        Assert.Equal((CommandStatus.Failed, "Busy"), (sink.Statuses[1].Status, sink.Statuses[1].Error));
    }

    [Fact]
    public async Task A_command_nobody_subscribes_to_is_refused_with_the_reason()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        await using var instance = await Broker.OpenAsync(broker.Settings(), new RecordingSink());

        var accepted = await instance.SendCommandAsync(
            new DeviceCommand(Guid.NewGuid(), new DeviceRef(Guid.NewGuid(), "nobody", "Nobody", null, false), "Ping", [], null), CancellationToken.None);

        Assert.False(accepted.Accepted);
        Assert.Contains("No device subscribes", accepted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_while_the_broker_is_away_fails_as_transient_so_it_is_tried_again()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        await using var instance = await Broker.OpenAsync(broker.Settings(), new RecordingSink());
        await broker.Mosquitto.StopAsync();
        await WaitAsync(() => !instance.IsConnected, "the connector to notice the broker is gone");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => instance.SendCommandAsync(
            new DeviceCommand(Guid.NewGuid(), new DeviceRef(Guid.NewGuid(), "pump-1", "Pump 1", null, false), "Ping", [], null), CancellationToken.None));
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Registering_publishes_the_retained_config_and_registers_the_device()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        await using var instance = await Broker.OpenAsync(broker.Settings(), new RecordingSink());
        var id = Guid.NewGuid();

        var result = Assert.Single(await instance.RegisterDevicesAsync([new DeviceRef(id, "pump-7", "Pump 7", "Europe/Berlin", false)], CancellationToken.None));
        Assert.Equal((id, RegistrationStatus.Registered), (result.Id, result.Status));

        // Retained: a device that connects later still gets it.
        var (exitCode, output) = await broker.Mosquitto.RunClientAsync("mosquitto_sub", "-t", "devices/pump-7/config", "-C", "1", "-W", "10");
        Assert.Equal(0, exitCode);
        var config = JsonNode.Parse(output)!;
        Assert.Equal(("pump-7", "Pump 7", "Europe/Berlin"), ((string)config["deviceId"]!, (string)config["name"]!, (string)config["timeZone"]!));
    }

    internal static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Never saw {what}.");
            await Task.Delay(50);
        }
    }
}
