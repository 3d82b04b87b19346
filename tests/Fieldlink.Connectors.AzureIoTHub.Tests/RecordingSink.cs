using System.Collections.Concurrent;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.Tests;

/// <summary>Records what the instance reports: the SDK boundary, where Fieldlink would take over.</summary>
public sealed class RecordingSink : IConnectorSink
{
    public ConcurrentQueue<CommandStatusReport> Statuses { get; } = new();

    public ConcurrentQueue<InstanceConnectionState> Connections { get; } = new();

    public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken)
    {
        Statuses.Enqueue(report);
        return ValueTask.CompletedTask;
    }

    public void ReportConnection(InstanceConnectionState state, string? reason = null) => Connections.Enqueue(state);

    public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The instance published alerts itself; Event Grid's go through the server's endpoint.");

    public ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The instance published telemetry itself.");

    public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The instance published device state itself.");

    public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The instance dead-lettered something itself.");
}
