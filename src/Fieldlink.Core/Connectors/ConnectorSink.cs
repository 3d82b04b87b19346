using System.Text.Json;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Connections;
using Fieldlink.Core.Data;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// What a connector instance reports goes through the same ingestion as the HTTP API, resolving device ids in the
/// instance's own provider instance. Each call stores before it returns; an item ingestion refuses (an unknown device's
/// readings or state, an invalid item, a command outcome for no command of the instance) is kept as a dead letter
/// rather than dropped.
/// </summary>
/// <remarks>
/// No one item stops a stream. A store failure is classified (<see cref="FieldlinkDbContext.Classify"/>): one that
/// passes (the store is down, a timeout, a deadlock) is thrown as a <see cref="ConnectorException"/> with
/// <see cref="ConnectorException.IsTransient"/> set, for the connector to try the call again later with its messages
/// unacknowledged; any other means some item cannot be stored, so the batch is split in halves, each stored on its
/// own, down to the items that fail alone, which become dead letters with the database's reason while the rest is
/// stored. Every connector, built in or plugin, gets this by calling the sink.
/// </remarks>
public sealed class ConnectorSink(Guid providerInstanceId, IServiceScopeFactory scopes, ProcessConnections connections) : IConnectorSink
{
    private delegate Task<IReadOnlyList<IngestionOutcome>> Ingest<T>(IServiceProvider services, Guid providerInstanceId, IReadOnlyList<T> reports, CancellationToken cancellationToken);

    public Guid ProviderInstanceId { get; } = providerInstanceId;

    /// <summary>Notes the instance's connection in this process's <see cref="ProcessConnections"/>, which stores it when it changed.</summary>
    public void ReportConnection(InstanceConnectionState state, string? reason = null)
    {
        if (state is not (InstanceConnectionState.Connecting or InstanceConnectionState.Connected or InstanceConnectionState.Disconnected))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A connector reports Connecting, Connected or Disconnected.");
        }

        connections.Report(ProviderInstanceId, state, reason);
    }

    public async ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) =>
        await IngestAsync("alerts", reports, r => r.DeviceId, (s, id, batch, ct) => s.GetRequiredService<AlertIngestion>().IngestAsync(id, batch, ct), cancellationToken);

    public async ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken) =>
        await IngestAsync("telemetry", reports, r => r.DeviceId, (s, id, batch, ct) => s.GetRequiredService<TelemetryIngestion>().IngestAsync(id, batch, ct), cancellationToken);

    public async ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) =>
        await IngestAsync("state", reports, r => r.DeviceId, (s, id, batch, ct) => s.GetRequiredService<DeviceStateIngestion>().IngestAsync(id, batch, ct), cancellationToken);

    public async ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken) =>
        await ReportCommandStatusesAsync([report], cancellationToken);

    public async ValueTask ReportCommandStatusesAsync(IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken) =>
        await IngestAsync("commandStatus", reports, r => null, RecordCommandStatusesAsync, cancellationToken);

    public async ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DeadLetterStore>().StoreAsync(ProviderInstanceId, reports, cancellationToken);
        }
        catch (Exception ex) when (!IsCancellation(ex, cancellationToken) && ex is not OutOfMemoryException)
        {
            // The store keeps any dead letter (it escapes and cuts what it must), so one it refuses says the store is
            // at fault, not the message: the connector keeps its messages unacknowledged and tries again.
            throw Transient(ex);
        }
    }

    private async Task IngestAsync<T>(string ingestion, IReadOnlyList<T> reports, Func<T, string?> deviceId, Ingest<T> ingest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return;
        }

        var refused = new List<DeadLetterReport>();
        await IngestSplittingAsync(ingestion, reports, deviceId, ingest, refused, cancellationToken);
        if (refused.Count > 0)
        {
            await PublishDeadLettersAsync(refused, cancellationToken);
        }
    }

    /// <summary>Stores the batch; when the store refuses it for good, each half on its own, down to the items it refuses.</summary>
    private async Task IngestSplittingAsync<T>(
        string ingestion, IReadOnlyList<T> reports, Func<T, string?> deviceId, Ingest<T> ingest, List<DeadLetterReport> refused, CancellationToken cancellationToken)
    {
        // A scope per attempt: a failed write leaves its DbContext (and any transaction) spoilt.
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var outcomes = await ingest(scope.ServiceProvider, ProviderInstanceId, reports, cancellationToken);
            Refused(ingestion, reports, deviceId, outcomes, refused);
            return;
        }
        catch (Exception ex) when (IsTransient(scope, ex, cancellationToken))
        {
            throw Transient(ex);
        }
        catch (Exception ex) when (IsPermanent(ex, cancellationToken) && reports.Count == 1)
        {
            var reason = $"The store refused it: {Innermost(ex).Message}";
            ConnectorLog.ItemRefused(scope.ServiceProvider.GetRequiredService<ILogger<ConnectorSink>>(), ingestion, ProviderInstanceId, ex);
            refused.Add(DeadLetter(ingestion, reason, reports[0], deviceId));
            return;
        }
        catch (Exception ex) when (IsPermanent(ex, cancellationToken))
        {
            ConnectorLog.BatchSplit(scope.ServiceProvider.GetRequiredService<ILogger<ConnectorSink>>(), ingestion, reports.Count, ProviderInstanceId, Innermost(ex).Message);
        }

        var half = reports.Count / 2;
        await IngestSplittingAsync(ingestion, [.. reports.Take(half)], deviceId, ingest, refused, cancellationToken);
        await IngestSplittingAsync(ingestion, [.. reports.Skip(half)], deviceId, ingest, refused, cancellationToken);
    }

    /// <summary>
    /// Command outcomes through the same door as the rest: text a database cannot store, and outcomes for commands the
    /// instance never sent, are refused (the recorder ignores the second kind; a dead letter says so).
    /// </summary>
    private static async Task<IReadOnlyList<IngestionOutcome>> RecordCommandStatusesAsync(
        IServiceProvider services, Guid providerInstanceId, IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken)
    {
        var outcomes = reports.Select(r => CommandStatusChecks.Check(r) ?? IngestionOutcome.Stored).ToArray();
        var valid = reports.Where((r, i) => outcomes[i].Status == IngestionStatus.Stored).ToList();
        if (valid.Count == 0)
        {
            return outcomes;
        }

        // Recorded first (the moves match only this instance's commands), so the usual batch, where every report moves
        // its command, costs no read; only a report that moved nothing is looked up: unknown here, it is refused.
        var moved = await services.GetRequiredService<CommandStatusRecorder>().RecordMovedAsync(providerInstanceId, valid, cancellationToken);
        var unmoved = valid.Select(r => r.CommandId).Where(id => !moved.Contains(id)).Distinct().ToList();
        if (unmoved.Count == 0)
        {
            return outcomes;
        }

        var db = services.GetRequiredService<FieldlinkDbContext>();
        var known = await db.Commands.AsNoTracking()
            .Where(c => unmoved.Contains(c.Id) && db.Devices.Any(d => d.Id == c.DeviceRecordId && d.ProviderInstanceId == providerInstanceId))
            .Select(c => c.Id)
            .ToHashSetAsync(cancellationToken);
        for (var i = 0; i < reports.Count; i++)
        {
            if (outcomes[i].Status == IngestionStatus.Stored && !moved.Contains(reports[i].CommandId) && !known.Contains(reports[i].CommandId))
            {
                outcomes[i] = IngestionOutcome.Invalid("commandId", $"No command with id '{reports[i].CommandId}' was sent through this provider instance.");
            }
        }

        return outcomes;
    }

    private static void Refused<T>(string ingestion, IReadOnlyList<T> reports, Func<T, string?> deviceId, IReadOnlyList<IngestionOutcome> outcomes, List<DeadLetterReport> refused)
    {
        for (var i = 0; i < outcomes.Count && i < reports.Count; i++)
        {
            var reason = outcomes[i].Status switch
            {
                IngestionStatus.UnknownDevice => $"No device with deviceId '{deviceId(reports[i])}' in this provider instance.",
                IngestionStatus.Invalid => string.Join(" ", (outcomes[i].Errors ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
                _ => null,
            };
            if (reason is not null)
            {
                refused.Add(DeadLetter(ingestion, reason, reports[i], deviceId));
            }
        }
    }

    private static DeadLetterReport DeadLetter<T>(string ingestion, string reason, T report, Func<T, string?> deviceId) =>
        new(ingestion, reason, JsonSerializer.Serialize(report, JsonSerializerOptions.Web), report is null ? null : deviceId(report));

    private static bool IsTransient(AsyncServiceScope scope, Exception exception, CancellationToken cancellationToken) =>
        !IsCancellation(exception, cancellationToken)
        && (exception is ConnectorException { IsTransient: true }
            || scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Classify(exception) == StoreError.Transient);

    // Reached only after IsTransient said no.
    private static bool IsPermanent(Exception exception, CancellationToken cancellationToken) =>
        !IsCancellation(exception, cancellationToken) && exception is not OutOfMemoryException;

    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private static ConnectorException Transient(Exception exception) =>
        new($"The store is unavailable for now ({Innermost(exception).Message}); try again later.", isTransient: true, exception);

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
