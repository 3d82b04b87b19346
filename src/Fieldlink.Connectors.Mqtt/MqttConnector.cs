using Fieldlink.Sdk;
using Microsoft.Extensions.Options;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>
/// The built-in MQTT connector (key <c>mqtt</c>): any MQTT 3.1.1 or 5 broker as an IoT provider. Devices publish
/// telemetry, alerts, reported properties and status; Fieldlink publishes commands and device configurations, and
/// devices acknowledge commands on a topic of their own.
/// </summary>
/// <remarks>Stateless and thread-safe; every provider instance gets its own <see cref="MqttInstance"/>.</remarks>
public sealed class MqttConnector(IOptions<MqttOptions> options) : Connector<MqttSettings, MqttInstance>
{
    /// <summary>The key providers name the MQTT connector by.</summary>
    public const string ConnectorKey = "mqtt";

    /// <inheritdoc />
    public override string Key => ConnectorKey;

    /// <inheritdoc />
    public override string DisplayName => "MQTT broker";

    /// <inheritdoc />
    public override string? Description =>
        "Any MQTT 3.1.1/5 broker: devices publish telemetry, alerts, reported properties and status, and acknowledge the commands Fieldlink publishes.";

    /// <inheritdoc />
    protected override MqttInstance Open(MqttSettings settings, ConnectorContext context) => new(settings, context, options.Value.NodeName);
}
