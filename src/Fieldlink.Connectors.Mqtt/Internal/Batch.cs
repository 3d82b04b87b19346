using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// A batch of received messages sorted into what each becomes: reports for the sink, or dead letters. Stored in
/// stages (dead letters, state, telemetry, alerts, command outcomes), each one sink call; a stage that failed in a way
/// that passes (<see cref="ConnectorException.IsTransient"/>) is tried again without repeating those that were stored.
/// A stage the sink refuses for good (Fieldlink's own sink never does: it dead-letters the items it cannot store and
/// stores the rest) becomes dead letters of its messages with the sink's reason, so no message stops the stream.
/// </summary>
internal sealed class Batch
{
    private readonly List<DeadLetterReport> _deadLetters = [];
    private readonly List<DeviceStateReport> _state = [];
    private readonly List<TelemetryReport> _telemetry = [];
    private readonly List<AlertReport> _alerts = [];
    private readonly List<CommandStatusReport> _acks = [];
    private readonly Dictionary<object, List<Received>> _sources = [];
    private int _storedStages;

    public IReadOnlyList<DeadLetterReport> DeadLetters => _deadLetters;

    /// <summary>The state each device reported in this batch, in arrival order, for what a pull answers.</summary>
    public IReadOnlyList<DeviceStateReport> State => _state;

    public static Batch Sort(IReadOnlyList<Received> messages, TopicRouter router)
    {
        var batch = new Batch();
        foreach (var message in messages)
        {
            string? error;
            var route = router.Route(message.Topic);
            if (route?.Kind is MessageKind.Reported or MessageKind.Status && message.Payload.Length == 0)
            {
                // An empty retained message is how a retained one is cleared: there is nothing to store.
                continue;
            }

            switch (route?.Kind)
            {
                case MessageKind.Telemetry:
                    batch.Add(batch._telemetry, MessageReader.Telemetry(route.DeviceId, message.Payload, message.ReceivedAt, out error), error, message, route);
                    break;
                case MessageKind.Alert:
                    batch.Add(batch._alerts, MessageReader.Alert(route.DeviceId, message.Payload, out error), error, message, route);
                    break;
                case MessageKind.Reported:
                    batch.Add(batch._state, MessageReader.Reported(route.DeviceId, message.Payload, message.Retain, out error), error, message, route);
                    break;
                case MessageKind.Status:
                    batch.Add(batch._state, MessageReader.Status(route.DeviceId, message.Payload, message.Retain, out error), error, message, route);
                    break;
                case MessageKind.CommandAck:
                    batch.Add(batch._acks, MessageReader.Ack(route.CommandId, message.Payload, message.ReceivedAt, out error), error, message, route);
                    break;
                default:
                    batch._deadLetters.Add(new DeadLetterReport(message.Topic, "The topic matches none of the instance's topic templates.", MessageReader.Text(message.Payload), null, message.ReceivedAt));
                    break;
            }
        }

        return batch;
    }

    /// <summary>
    /// Stores what is not stored yet; throws when a stage fails in a way that passes, and the next call goes on from it.
    /// A stage refused for good is kept as dead letters (reported to <paramref name="refused"/>) and the next goes on.
    /// </summary>
    public async Task StoreAsync(IConnectorSink sink, Action<string, Exception> refused, CancellationToken cancellationToken)
    {
        (string Kind, System.Collections.ICollection Reports, Func<Task> Store)[] stages =
        [
            ("dead letters", _deadLetters, () => sink.PublishDeadLettersAsync(_deadLetters, cancellationToken).AsTask()),
            ("state", _state, () => sink.PublishDeviceStateAsync(_state, cancellationToken).AsTask()),
            ("telemetry", _telemetry, () => sink.PublishTelemetryAsync(_telemetry, cancellationToken).AsTask()),
            ("alerts", _alerts, () => sink.PublishAlertsAsync(_alerts, cancellationToken).AsTask()),
            ("command outcomes", _acks, () => sink.ReportCommandStatusesAsync(_acks, cancellationToken).AsTask()),
        ];
        for (; _storedStages < stages.Length; _storedStages++)
        {
            var (kind, reports, store) = stages[_storedStages];
            if (reports.Count == 0)
            {
                continue;
            }

            try
            {
                await store();
            }
            catch (Exception ex) when (ex is not ConnectorException { IsTransient: true } && ex is not OutOfMemoryException
                && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                refused(kind, ex);
                if (_sources.TryGetValue(reports, out var messages))
                {
                    var reason = $"The store refused the {kind} of this message for good: {ex.Message}";
                    await sink.PublishDeadLettersAsync([.. messages.Select(m => new DeadLetterReport(m.Topic, reason, MessageReader.Text(m.Payload), null, m.ReceivedAt))], cancellationToken);
                }
            }
        }
    }

    private void Add<T>(List<T> reports, T? report, string? error, Received message, TopicRouter.Match route)
        where T : class
    {
        if (report is not null)
        {
            reports.Add(report);
            if (!_sources.TryGetValue(reports, out var messages))
            {
                messages = [];
                _sources[reports] = messages;
            }

            messages.Add(message);
        }
        else
        {
            _deadLetters.Add(new DeadLetterReport(message.Topic, error ?? "The payload could not be read.", MessageReader.Text(message.Payload), route.DeviceId, message.ReceivedAt));
        }
    }
}
