using Fieldlink.Core.Connections;
using Fieldlink.Sdk;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Core.Tests.Connections;

/// <summary>This process's state of its instances: what the connector and the host tell it, and what changes.</summary>
public sealed class ProcessConnectionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_connector_that_reports_nothing_is_Connected_once_started_and_one_that_reports_keeps_its_word()
    {
        using var connections = new ProcessConnections(_time);
        var quiet = Guid.NewGuid();
        var talking = Guid.NewGuid();

        connections.Opening(quiet);
        connections.Opening(talking);
        connections.Report(talking, InstanceConnectionState.Disconnected, "refused");
        connections.Started(quiet);
        connections.Started(talking);

        Assert.Equal(InstanceConnectionState.Connected, connections.Find(quiet)!.Value.State);
        Assert.Equal((InstanceConnectionState.Disconnected, "refused"), (connections.Find(talking)!.Value.State, connections.Find(talking)!.Value.LastError));
    }

    [Fact]
    public void Since_moves_only_when_the_state_changes_and_a_repeat_is_no_change_to_write()
    {
        using var connections = new ProcessConnections(_time);
        var id = Guid.NewGuid();
        connections.Opening(id);
        connections.Report(id, InstanceConnectionState.Disconnected, "refused");
        var since = connections.Find(id)!.Value.Since;
        connections.Take();

        _time.Advance(TimeSpan.FromSeconds(5));
        connections.Report(id, InstanceConnectionState.Disconnected, "refused");
        Assert.Empty(connections.Take().Changed);

        connections.Report(id, InstanceConnectionState.Disconnected, "timed out");
        Assert.Equal(since, Assert.Single(connections.Take().Changed).Since);

        connections.Report(id, InstanceConnectionState.Connected, null);
        Assert.Equal(_time.GetUtcNow(), Assert.Single(connections.Take().Changed).Since);
    }

    [Fact]
    public void An_instance_that_keeps_failing_to_open_stays_Disconnected_since_its_first_failure()
    {
        using var connections = new ProcessConnections(_time);
        var id = Guid.NewGuid();
        connections.Opening(id);
        connections.OpenFailed(id, "The settings do not fit");
        var since = connections.Find(id)!.Value.Since;
        connections.Take();

        _time.Advance(TimeSpan.FromSeconds(10));
        connections.Opening(id);
        connections.OpenFailed(id, "The settings do not fit");

        Assert.Equal((InstanceConnectionState.Disconnected, since), (connections.Find(id)!.Value.State, connections.Find(id)!.Value.Since));
        Assert.Empty(connections.Take().Changed);
    }

    [Fact]
    public void A_closed_instance_ignores_late_reports_and_is_taken_as_closed()
    {
        using var connections = new ProcessConnections(_time);
        var id = Guid.NewGuid();
        connections.Opening(id);
        connections.Closed(id);
        connections.Report(id, InstanceConnectionState.Connected, null);

        var (changed, closed) = connections.Take();
        Assert.Empty(changed);
        Assert.Equal([id], closed);
        Assert.Null(connections.Find(id));
    }

    [Fact]
    public void Reporting_Disabled_is_refused_by_the_sdk_default()
    {
        IConnectorSink sink = new NothingSink();

        Assert.Throws<ArgumentOutOfRangeException>(() => sink.ReportConnection(InstanceConnectionState.Disabled));
        sink.ReportConnection(InstanceConnectionState.Connected);
    }

    private sealed class NothingSink : IConnectorSink
    {
        public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
