namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>What a received message is, by the topic template it matched.</summary>
internal enum MessageKind
{
    Telemetry,
    Alert,
    Reported,
    Status,
    CommandAck,
}
