using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>How this process takes part in MQTT (configuration section <c>Mqtt</c>).</summary>
public sealed class MqttOptions : IValidatableObject
{
    /// <summary>
    /// The name of this Fieldlink process among those sharing a broker, appended to every MQTT client id so each
    /// process keeps its own persistent session. Default: <c>Connectors:Node</c> when that is set, else the machine name.
    /// </summary>
    [MaxLength(60)]
    public string? Node { get; set; }

    /// <summary>
    /// The in-process broker: <c>embedded</c> (port 1883) or <c>embedded:PORT</c> runs an MQTTnet broker on the
    /// loopback address; empty runs none. <c>fieldlink serve --demo</c> turns it on. Default: none.
    /// </summary>
    [RegularExpression("^(|embedded(:[0-9]{1,5})?)$", ErrorMessage = "Mqtt:Broker is empty, 'embedded' or 'embedded:PORT'.")]
    public string? Broker { get; set; }

    /// <summary>The embedded broker's port, or null when there is none (or <see cref="Broker"/> is not valid).</summary>
    public int? EmbeddedBrokerPort => Broker switch
    {
        null or "" => null,
        "embedded" => 1883,
        _ when Broker.StartsWith("embedded:", StringComparison.Ordinal)
            && int.TryParse(Broker.AsSpan("embedded:".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535 => port,
        _ => null,
    };

    /// <summary>
    /// The directory the embedded broker keeps, in <c>mqtt/sessions.journal</c>, the QoS 1 and 2 messages it owes
    /// persistent sessions, so none it acknowledged to a device is lost across a restart. Default: the server's
    /// <c>DataDir</c> (<c>data</c>); null (as a test may leave it) keeps them in memory only.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// How many messages the embedded broker queues for one client before it refuses new ones (MQTTnet's limit; as
    /// Mosquitto's <c>max_queued_messages</c>, which also drops the new), and how many of a persistent session's journaled
    /// messages MQTTnet holds at once, queued or sent and unacknowledged (it queues all of those again at a reconnection,
    /// and drops those beyond it). A journaled message beyond it is owed, and sent once the client's acknowledgements make
    /// room in its queue; the journal keeps what it owes in memory as
    /// well, so this does not bound a persistent session's memory. At most 30,000: MQTT's packet identifiers are 16-bit, and a queue longer
    /// than 65,535 with what is in flight reuses them. Default: 30,000 (MQTTnet's own, 250, drops after a fraction of
    /// a second at a few hundred messages a second).
    /// </summary>
    [Range(1, 30_000)]
    public int BrokerMaxQueuedMessages { get; set; } = 30_000;

    public string NodeName => string.IsNullOrWhiteSpace(Node) ? Environment.MachineName : Node;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Broker is { Length: > 9 } broker && broker.StartsWith("embedded:", StringComparison.Ordinal)
            && (!int.TryParse(broker.AsSpan(9), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535))
        {
            yield return new ValidationResult("Mqtt:Broker's port is 1 to 65535 (embedded:PORT).", [nameof(Broker)]);
        }
    }
}
