using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Records what the instance stores: the SDK boundary, where Fieldlink's ingestion would take over. A test can make it
/// fail or hold its writes, as a database that is down or slow would.
/// </summary>
public sealed class RecordingSink : IConnectorSink
{
    private readonly Lock _lock = new();
    private readonly List<TelemetryReport> _telemetry = [];
    private readonly List<AlertReport> _alerts = [];
    private readonly List<DeviceStateReport> _states = [];
    private readonly List<CommandStatusReport> _statuses = [];
    private readonly List<DeadLetterReport> _deadLetters = [];
    private readonly List<int> _batchSizes = [];
    private readonly List<(InstanceConnectionState State, string? Reason)> _connection = [];

    /// <summary>How many telemetry calls still fail, as a store that is down does (transiently), before one succeeds.</summary>
    public int FailNextTelemetry { get; set; }

    /// <summary>When set, telemetry writes wait for it, as a slow store would.</summary>
    public TaskCompletionSource? HoldTelemetry { get; set; }

    public IReadOnlyList<TelemetryReport> Telemetry => Copy(_telemetry);

    public IReadOnlyList<AlertReport> Alerts => Copy(_alerts);

    public IReadOnlyList<DeviceStateReport> States => Copy(_states);

    public IReadOnlyList<CommandStatusReport> Statuses => Copy(_statuses);

    public IReadOnlyList<DeadLetterReport> DeadLetters => Copy(_deadLetters);

    /// <summary>Every connection state the instance reported, in order.</summary>
    public IReadOnlyList<(InstanceConnectionState State, string? Reason)> Connection => Copy(_connection);

    /// <summary>The sizes of the telemetry batches, in order.</summary>
    public IReadOnlyList<int> TelemetryBatchSizes => Copy(_batchSizes);

    /// <summary>When set, an alerts call with an alert this says yes to fails for good (not transiently), as a sink that cannot split a batch would.</summary>
    public Func<AlertReport, bool>? RefuseAlerts { get; set; }

    public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) =>
        RefuseAlerts is { } refuse && reports.Any(refuse)
            ? throw new ConnectorException("The store cannot keep one of these alerts (a test's failure).", isTransient: false)
            : Add(_alerts, reports);

    public async ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken)
    {
        if (HoldTelemetry is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            if (FailNextTelemetry > 0)
            {
                FailNextTelemetry--;
                throw new ConnectorException("The store is down (a test's failure).", isTransient: true);
            }

            _batchSizes.Add(reports.Count);
            _telemetry.AddRange(reports);
        }
    }

    public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) => Add(_states, reports);

    public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken) => Add(_statuses, [report]);

    public void ReportConnection(InstanceConnectionState state, string? reason = null)
    {
        lock (_lock)
        {
            _connection.Add((state, reason));
        }
    }

    public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken) => Add(_deadLetters, reports);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after a minute, printing what was recorded.</summary>
    public async Task WaitForAsync(Func<RecordingSink, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Never saw {what}: telemetry {Telemetry.Count}, alerts {Alerts.Count}, states {States.Count}, statuses {Statuses.Count}, dead letters {string.Join(" | ", DeadLetters.Select(d => $"{d.Source}: {d.Reason}"))}");
            }

            await Task.Delay(50);
        }
    }

    private ValueTask Add<T>(List<T> list, IEnumerable<T> reports)
    {
        lock (_lock)
        {
            list.AddRange(reports);
        }

        return ValueTask.CompletedTask;
    }

    private List<T> Copy<T>(List<T> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }
}
