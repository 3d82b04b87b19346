namespace Fieldlink.Sdk;

/// <summary>
/// Where a connector instance reports what its system pushes: alerts, telemetry, device state and command outcomes.
/// Every call returns once what it reported is stored, so a connector that acknowledges messages to its system should
/// do so after the call returns.
/// </summary>
/// <remarks>
/// Thread-safe. Batches are stored in one write each: report many items per call where the system delivers many.
/// No one item fails a call: an item that cannot be stored (invalid, for an unknown device, or refused by the
/// database) is kept as a dead letter with the reason, and the rest of the batch is stored. A call throws a
/// <see cref="ConnectorException"/> with <see cref="ConnectorException.IsTransient"/> true when the store is down
/// (unreachable, a timeout, a deadlock): keep the messages unacknowledged and call again later with backoff; nothing of
/// them may be lost meanwhile. Any other exception is not worth a retry.
/// </remarks>
public interface IConnectorSink
{
    /// <summary>Stores alerts, grouped and de-duplicated as every alert is.</summary>
    /// <param name="reports">Alerts by the provider's device id; an unknown device's alert is kept as unmatched.</param>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the alerts are stored.</returns>
    ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken);

    /// <summary>Stores readings.</summary>
    /// <param name="reports">Readings by the provider's device id; an unknown device's readings are kept as dead letters.</param>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the readings are stored.</returns>
    ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken);

    /// <summary>Updates devices' connection state, reported properties and last activity.</summary>
    /// <param name="reports">State by the provider's device id; an unknown device's state is kept as a dead letter.</param>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the state is stored.</returns>
    ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken);

    /// <summary>Records how a command the instance sent went on: Delivered, Succeeded, Failed or TimedOut.</summary>
    /// <param name="report">The command and its new status; a status that would go back in the lifecycle is ignored.</param>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the status is stored.</returns>
    ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken);

    /// <summary>
    /// Records how several commands went on, in one write where the sink can (Fieldlink's does): for a connector that
    /// receives many outcomes at once. Default: <see cref="ReportCommandStatusAsync"/> for each, in order.
    /// </summary>
    /// <param name="reports">The commands and their new statuses; a status that would go back in the lifecycle is ignored.</param>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the statuses are stored.</returns>
    async ValueTask ReportCommandStatusesAsync(IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        foreach (var report in reports)
        {
            await ReportCommandStatusAsync(report, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Tells Fieldlink whether the instance is connected to its system, and if not, why: call it at every change of the
    /// connection (connecting, connected, lost, a reconnect that failed with another error). Fieldlink shows it in the
    /// provider instance's <c>connection</c> (per process, in <c>nodes</c>), stores it when it changes and refreshes
    /// it at a heartbeat, never once per call, so calling it often costs nothing but a comparison.
    /// </summary>
    /// <remarks>
    /// Thread-safe, synchronous and cheap: it notes the state in memory and returns; it never throws for a store
    /// failure. A connector that never calls it is shown <see cref="InstanceConnectionState.Connecting"/> while it
    /// starts and <see cref="InstanceConnectionState.Connected"/> once <see cref="IConnectorInstance.StartAsync"/>
    /// returned. Default (a sink outside Fieldlink): nothing.
    /// </remarks>
    /// <param name="state">Connecting, Connected or Disconnected; Disabled is Fieldlink's to set.</param>
    /// <param name="reason">
    /// Why the instance is not connected, in the system's or the socket's own words (the broker's refusal,
    /// "Connection refused 127.0.0.1:1884"); kept as the last error until the next report. No secrets. Default: none.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is Disabled, or not a state.</exception>
    void ReportConnection(InstanceConnectionState state, string? reason = null)
    {
        if (state is not (InstanceConnectionState.Connecting or InstanceConnectionState.Connected or InstanceConnectionState.Disconnected))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A connector reports Connecting, Connected or Disconnected.");
        }
    }

    /// <summary>Keeps messages the instance received but could not use in the dead-letter list (<c>GET /api/v1/deadLetters</c>).</summary>
    /// <param name="reports">The messages and why each was not used.</param>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the dead letters are stored.</returns>
    ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken);
}
