using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>How this process takes part in MQTT (configuration section <c>Mqtt</c>).</summary>
public sealed class MqttOptions
{
    /// <summary>
    /// The name of this Fieldlink process among those sharing a broker, appended to every MQTT client id so each
    /// process keeps its own persistent session. Default: the machine name.
    /// </summary>
    [MaxLength(60)]
    public string? Node { get; set; }

    /// <summary>
    /// The in-process broker: <c>embedded</c> (port 1883) or <c>embedded:PORT</c> runs an MQTTnet broker on the
    /// loopback address; empty runs none. <c>fieldlink serve --demo</c> turns it on. Default: none.
    /// </summary>
    [RegularExpression("^(|embedded(:[0-9]{1,5})?)$", ErrorMessage = "Mqtt:Broker is empty, 'embedded' or 'embedded:PORT'.")]
    public string? Broker { get; set; }

    /// <summary>The embedded broker's port, or null when there is none.</summary>
    public int? EmbeddedBrokerPort => Broker switch
    {
        null or "" => null,
        "embedded" => 1883,
        _ => int.Parse(Broker.AsSpan("embedded:".Length), System.Globalization.CultureInfo.InvariantCulture),
    };

    public string NodeName => string.IsNullOrWhiteSpace(Node) ? Environment.MachineName : Node;
}
