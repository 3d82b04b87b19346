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

    /// <summary>Keeps messages the instance received but could not use in the dead-letter list (<c>GET /api/v1/deadLetters</c>).</summary>
    /// <param name="reports">The messages and why each was not used.</param>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the dead letters are stored.</returns>
    ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken);
}
