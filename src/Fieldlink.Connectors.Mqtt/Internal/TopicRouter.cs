namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>The topic templates of an instance: what to subscribe to, what a received topic is, where to publish.</summary>
internal sealed class TopicRouter
{
    private readonly (MessageKind Kind, TopicTemplate Template)[] _incoming;

    public TopicRouter(MqttSettings settings)
    {
        Command = new TopicTemplate(settings.CommandTopic);
        Config = new TopicTemplate(settings.ConfigTopic);
        _incoming =
        [
            (MessageKind.Telemetry, new TopicTemplate(settings.TelemetryTopic)),
            (MessageKind.Alert, new TopicTemplate(settings.AlertsTopic)),
            (MessageKind.Reported, new TopicTemplate(settings.ReportedTopic)),
            (MessageKind.Status, new TopicTemplate(settings.StatusTopic)),
            (MessageKind.CommandAck, new TopicTemplate(settings.CommandTopic + "/ack")),
        ];
    }

    public TopicTemplate Command { get; }

    public TopicTemplate Config { get; }

    /// <summary>
    /// The filters to subscribe to, and whether each may be shared: retained state (reported, status) is not, because a
    /// broker sends retained messages to no shared subscription, and every process wants the state for pulls.
    /// </summary>
    public IEnumerable<(string Filter, bool Shareable)> Filters =>
        _incoming.Select(i => (i.Template.Filter, i.Kind is not (MessageKind.Reported or MessageKind.Status))).Distinct();

    public Match? Route(string topic)
    {
        foreach (var (kind, template) in _incoming)
        {
            if (template.TryMatch(topic, out var deviceId, out var commandId))
            {
                return new Match(kind, deviceId, commandId);
            }
        }

        return null;
    }

    public sealed record Match(MessageKind Kind, string DeviceId, string? CommandId);
}
