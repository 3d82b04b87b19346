using MQTTnet;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>A message as it arrived, waiting to be stored and then acknowledged on the connection it came on.</summary>
internal sealed record Received(string Topic, byte[] Payload, bool Retain, DateTimeOffset ReceivedAt, long Connection, MqttApplicationMessageReceivedEventArgs Delivery);
