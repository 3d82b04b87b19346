using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Http.Tests;

/// <summary>
/// Records the command outcomes the instance reports: the SDK boundary, where Fieldlink would take over. The http
/// connector reports nothing else (the vendor pushes to Fieldlink's ingest endpoints), so anything else fails the test.
/// </summary>
public sealed class RecordingSink : IConnectorSink
{
    private readonly Lock _lock = new();
    private readonly List<CommandStatusReport> _statuses = [];

    public IReadOnlyList<CommandStatusReport> Statuses
    {
        get
        {
            lock (_lock)
            {
                return [.. _statuses];
            }
        }
    }

    public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _statuses.Add(report);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The http connector published alerts itself.");

    public ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The http connector published telemetry itself.");

    public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The http connector published device state itself.");

    public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The http connector dead-lettered something itself.");
}
