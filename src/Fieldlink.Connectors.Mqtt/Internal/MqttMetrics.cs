using System.Diagnostics.Metrics;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The connector's counters, on the <c>Fieldlink</c> meter the server exports at <c>/metrics</c>
/// (<c>fieldlink_mqtt_messages_total</c>, <c>fieldlink_mqtt_dead_letters_total</c>), tagged with the provider instance.
/// </summary>
internal static class MqttMetrics
{
    private static readonly Meter Meter = new("Fieldlink");

    private static readonly Counter<long> Messages = Meter.CreateCounter<long>("fieldlink.mqtt.messages", description: "MQTT messages received (dead letters included)");

    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("fieldlink.mqtt.dead_letters", description: "MQTT messages found unusable and kept as dead letters: malformed, or for a topic no template matches");

    public static void Received(string instance, int messages, int deadLetters)
    {
        var tag = new KeyValuePair<string, object?>("instance", instance);
        Messages.Add(messages, tag);
        if (deadLetters > 0)
        {
            DeadLetters.Add(deadLetters, tag);
        }
    }
}
