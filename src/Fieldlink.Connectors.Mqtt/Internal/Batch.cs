using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// A batch of received messages sorted into what each becomes: reports for the sink, or dead letters. Stored in
/// stages (dead letters, state, telemetry, alerts, command outcomes), each one sink call; a stage that failed is tried
/// again without repeating those that were stored.
/// </summary>
internal sealed class Batch
{
    private readonly List<DeadLetterReport> _deadLetters = [];
    private readonly List<DeviceStateReport> _state = [];
    private readonly List<TelemetryReport> _telemetry = [];
    private readonly List<AlertReport> _alerts = [];
    private readonly List<CommandStatusReport> _acks = [];
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

    /// <summary>Stores what is not stored yet; throws when a stage fails, and the next call goes on from it.</summary>
    public async Task StoreAsync(IConnectorSink sink, CancellationToken cancellationToken)
    {
        Func<Task>[] stages =
        [
            () => _deadLetters.Count > 0 ? sink.PublishDeadLettersAsync(_deadLetters, cancellationToken).AsTask() : Task.CompletedTask,
            () => _state.Count > 0 ? sink.PublishDeviceStateAsync(_state, cancellationToken).AsTask() : Task.CompletedTask,
            () => _telemetry.Count > 0 ? sink.PublishTelemetryAsync(_telemetry, cancellationToken).AsTask() : Task.CompletedTask,
            () => _alerts.Count > 0 ? sink.PublishAlertsAsync(_alerts, cancellationToken).AsTask() : Task.CompletedTask,
            () => _acks.Count > 0 ? sink.ReportCommandStatusesAsync(_acks, cancellationToken).AsTask() : Task.CompletedTask,
        ];
        for (; _storedStages < stages.Length; _storedStages++)
        {
            await stages[_storedStages]();
        }
    }

    private void Add<T>(List<T> reports, T? report, string? error, Received message, TopicRouter.Match route)
        where T : class
    {
        if (report is not null)
        {
            reports.Add(report);
        }
        else
        {
            _deadLetters.Add(new DeadLetterReport(message.Topic, error ?? "The payload could not be read.", MessageReader.Text(message.Payload), route.DeviceId, message.ReceivedAt));
        }
    }
}
