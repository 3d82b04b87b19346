using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// What Fieldlink asks of devices through the broker: register (a retained configuration), pull (what the inbox
/// remembers), send a command. A publish is taken once the broker acknowledged it; while the connection is being
/// kept again, an action fails as transient.
/// </summary>
internal sealed class DeviceActions(MqttSettings settings, ConnectorContext context, TopicRouter router, BrokerConnection connection, Inbox inbox)
{
    public async Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var results = new List<RegistrationResult>(devices.Count);
        foreach (var device in devices)
        {
            var config = new JsonObject
            {
                ["deviceId"] = device.DeviceId,
                ["name"] = device.Name,
                ["timeZone"] = device.TimeZone,
                ["registeredAt"] = context.Time.GetUtcNow(),
            };
            var refusal = await PublishAsync(router.Config.Format(device.DeviceId), config, retain: true, cancellationToken);
            results.Add(refusal is null
                ? new RegistrationResult(device.Id, RegistrationStatus.Registered)
                : new RegistrationResult(device.Id, RegistrationStatus.Error, Message: refusal));
        }

        return results;
    }

    public IReadOnlyList<DeviceData> PullDeviceData(IReadOnlyList<DeviceRef> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return [.. devices.Select(d => inbox.Device(d.DeviceId) is { } view
            ? view.ToData(d.Id)
            : new DeviceData(d.Id, DeviceDataStatus.NotFound, null, null, null, null,
                $"The device has published nothing on '{router.Config.Format(d.DeviceId).Split('/')[0]}/...' (reported properties or status) since the connector started."))];
    }

    public async Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var message = new JsonObject
        {
            ["commandId"] = command.CommandId,
            ["name"] = command.Name,
            ["parameters"] = command.Parameters.DeepClone(),
        };
        if (command.ExpiresAt is { } expiresAt)
        {
            message["expiresAt"] = expiresAt;
        }

        var refusal = await PublishAsync(router.Command.Format(command.Device.DeviceId, command.CommandId), message, retain: false, cancellationToken);
        return refusal is null ? CommandAcceptance.Taken : CommandAcceptance.Refused(refusal);
    }

    /// <summary>Publishes at QoS 1 at least, so the broker's acknowledgement says it took the message; the refusal, or null.</summary>
    private async Task<string?> PublishAsync(string topic, JsonObject payload, bool retain, CancellationToken cancellationToken)
    {
        if (!connection.Client.IsConnected)
        {
            throw new ConnectorException($"Not connected to the MQTT broker {settings.Host}:{settings.Port}; the connector is reconnecting.", isTransient: true);
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
            .WithContentType("application/json")
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Max(1, settings.Qos))
            .WithRetainFlag(retain)
            .Build();
        MqttClientPublishResult result;
        try
        {
            result = await connection.Client.PublishAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException($"Publishing to '{topic}' failed: {ex.Message}", isTransient: true, ex);
        }

        return result.ReasonCode switch
        {
            MqttClientPublishReasonCode.Success => null,
            MqttClientPublishReasonCode.NoMatchingSubscribers when !retain => $"No device subscribes to '{topic}', so the broker dropped the message.",
            MqttClientPublishReasonCode.NoMatchingSubscribers => null,
            _ => $"The broker refused the message to '{topic}': {result.ReasonCode}{(result.ReasonString is { Length: > 0 } reason ? $" ({reason})" : string.Empty)}.",
        };
    }
}
