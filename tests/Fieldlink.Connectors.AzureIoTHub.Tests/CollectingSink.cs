using System.Collections.Concurrent;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.Tests;

/// <summary>
/// Keeps what the instance stores, as Fieldlink's sink would; <see cref="FailNext"/> makes the next publish throw, as a
/// store that is down (transient) or refuses the batch (not transient) does.
/// </summary>
public sealed class CollectingSink : IConnectorSink
{
    public ConcurrentQueue<AlertReport> Alerts { get; } = new();

    public ConcurrentQueue<TelemetryReport> Telemetry { get; } = new();

    public ConcurrentQueue<DeviceStateReport> States { get; } = new();

    public ConcurrentQueue<DeadLetterReport> DeadLetters { get; } = new();

    public ConcurrentQueue<CommandStatusReport> Statuses { get; } = new();

    public ConcurrentQueue<InstanceConnectionState> Connections { get; } = new();

    /// <summary>How many publish calls were made, failed ones included.</summary>
    public int Calls => _calls;

    /// <summary>Thrown by the next publish call, then cleared.</summary>
    public ConnectorException? FailNext { get; set; }

    /// <summary>How many dead-letter publish calls fail next (a store that takes nothing, not even dead letters).</summary>
    public int FailDeadLetters { get; set; }

    private int _calls;

    public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) => Take(reports, Alerts);

    public ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken) => Take(reports, Telemetry);

    public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) => Take(reports, States);

    public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken)
    {
        if (FailDeadLetters > 0)
        {
            FailDeadLetters--;
            Interlocked.Increment(ref _calls);
            throw new ConnectorException("The store takes nothing.", isTransient: true);
        }

        return Take(reports, DeadLetters);
    }

    public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken)
    {
        Statuses.Enqueue(report);
        return ValueTask.CompletedTask;
    }

    public void ReportConnection(InstanceConnectionState state, string? reason = null) => Connections.Enqueue(state);

    private ValueTask Take<T>(IReadOnlyList<T> reports, ConcurrentQueue<T> into)
    {
        Interlocked.Increment(ref _calls);
        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }

        foreach (var report in reports)
        {
            into.Enqueue(report);
        }

        return ValueTask.CompletedTask;
    }
}
