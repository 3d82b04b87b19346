using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Settings;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// The one path of every alert, from the HTTP API or a connector: check it, resolve its device, drop a repeat of a
/// token, group it under its parent, store it, and answer only once it is stored. Grouping is atomic: the groups a
/// batch touches are locked in the database for its transaction, so concurrent batches, in any number of processes,
/// make exactly one parent per group and lose nothing.
/// </summary>
/// <remarks>
/// Called inside a transaction the caller began, the alerts join it and are committed with it (threshold rules store
/// a crossing's state and its alert together); the database's group locks are then held until the caller commits.
/// </remarks>
public sealed class AlertIngestion(FieldlinkDbContext db, AlertGroupGate gate, AlertSignal signal, WebhookOutbox outbox, SettingsCache settingsCache, TimeProvider time, ILogger<AlertIngestion> log)
{
    public async Task<IReadOnlyList<IngestionOutcome>> IngestAsync(Guid providerInstanceId, IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await IngestOnceAsync(providerInstanceId, reports, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt == 0 && db.Database.CurrentTransaction is null && db.Classify(ex) == StoreError.UniqueViolation)
            {
                // A token raced in from another group's batch: once more, and it is found a duplicate. (Not inside a
                // caller's transaction, which the failed insert has spoilt: the caller retries the whole of it.)
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<IReadOnlyList<IngestionOutcome>> IngestOnceAsync(Guid providerInstanceId, IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var outcomes = new IngestionOutcome?[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            outcomes[i] = AlertChecks.Check(reports[i], now);
        }

        var valid = Enumerable.Range(0, reports.Count).Where(i => outcomes[i] is null).ToList();
        if (valid.Count == 0)
        {
            return outcomes!;
        }

        var settings = await settingsCache.GetAsync(db, cancellationToken);
        var deviceIds = valid.Select(i => reports[i].DeviceId.Trim()).Distinct().ToList();

        // The instance's provider and the batch's devices in one round trip: a row per device found, or one without a
        // device when none is (a small request pays for each round trip before its commit).
        var found = await (
            from p in db.ProviderInstances.AsNoTracking()
            where p.Id == providerInstanceId
            from d in db.Devices.AsNoTracking().Where(d => d.ProviderInstanceId == p.Id && deviceIds.Contains(d.DeviceId)).DefaultIfEmpty()
            select new { p.ProviderId, Id = (Guid?)d!.Id, d.DeviceId, d.CustomerAssetId, d.AccountId })
            .ToListAsync(cancellationToken);
        var providerId = found.Count > 0 ? found[0].ProviderId : throw new InvalidOperationException($"Provider instance {providerInstanceId} does not exist.");
        var devices = found.Where(d => d.Id is not null)
            .ToDictionary(d => d.DeviceId, d => (Id: d.Id!.Value, d.CustomerAssetId, d.AccountId), StringComparer.Ordinal);

        var alerts = new List<(int Index, Alert Alert)>(valid.Count);
        foreach (var i in valid)
        {
            var report = reports[i];
            var deviceId = report.DeviceId.Trim();
            (Guid Id, Guid? CustomerAssetId, Guid? AccountId)? device = devices.TryGetValue(deviceId, out var record) ? record : null;
            var type = report.AlertType ?? AlertType.Anomaly;
            var description = report.Description.Trim();
            var alertTime = Milliseconds((report.AlertTime ?? now).ToUniversalTime());
            alerts.Add((i, new Alert
            {
                // Set here, not by SaveChanges: a database's bulk path writes the rows as they are.
                Id = Guid.CreateVersion7(now),
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
                ProviderInstanceId = providerInstanceId,
                ProviderId = providerId,
                DeviceId = deviceId,
                DeviceRecordId = device?.Id,
                CustomerAssetId = device?.CustomerAssetId,
                AccountId = device?.AccountId,
                AlertType = type,
                Description = description,
                AlertTime = alertTime,
                LastOccurrenceAt = alertTime,
                Data = report.Data?.ToJsonString(),
                Token = string.IsNullOrWhiteSpace(report.Token) ? null : report.Token.Trim(),
                Url = report.Url?.ToString(),
                GroupKey = AlertGroupKey.For(settings.AlertGroupingFields, providerInstanceId, deviceId, device?.Id, device?.CustomerAssetId, type, description),
            }));
        }

        var lockKeys = alerts.Select(a => AlertGroupKey.LockKey(a.Alert.GroupKey)).Distinct().ToList();
        using var queued = await gate.EnterAsync(lockKeys, cancellationToken);
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using var locks = await db.LockAsync(lockKeys, cancellationToken);

        var tokens = alerts.Select(a => a.Alert.Token).OfType<string>().Distinct().ToList();
        var known = tokens.Count == 0
            ? []
            : await db.Alerts.AsNoTracking()
                .Where(a => a.ProviderInstanceId == providerInstanceId && a.Token != null && tokens.Contains(a.Token))
                .Select(a => new { a.Id, a.Token, a.ParentAlertId })
                .ToDictionaryAsync(a => a.Token!, a => (a.Id, a.ParentAlertId), StringComparer.Ordinal, cancellationToken);

        var parents = settings.AlertGroupingEnabled
            ? await OpenParentsAsync([.. alerts.Select(a => a.Alert.GroupKey).Distinct()], alerts.Min(a => a.Alert.AlertTime) - settings.AlertGroupingWindow, cancellationToken)
            : [];
        var storedChildren = parents.Values.ToDictionary(p => p.Id, p => p.ChildCount);
        var added = new List<Alert>(alerts.Count);

        // In time order, so an alert of the batch can be the parent of later ones of the same batch.
        foreach (var (index, alert) in alerts.OrderBy(a => a.Alert.AlertTime).ThenBy(a => a.Index))
        {
            if (alert.Token is { } token && known.TryGetValue(token, out var earlier))
            {
                outcomes[index] = new IngestionOutcome(IngestionStatus.Duplicate, RecordId: earlier.Id, ParentId: earlier.ParentAlertId);
                continue;
            }

            if (settings.AlertGroupingEnabled && parents.TryGetValue(alert.GroupKey, out var parent) && Joins(alert, parent, settings.AlertGroupingWindow))
            {
                alert.ParentAlertId = parent.Id;

                // A repeat of a problem someone is on joins their work: the group's status (and why) and its case.
                alert.Status = parent.Status;
                alert.StatusReason = parent.Status == AlertStatus.Active ? AlertStatusReason.New : parent.StatusReason;
                alert.CaseId = parent.CaseId;
                parent.ChildCount++;
                if (alert.AlertTime > parent.LastOccurrenceAt)
                {
                    parent.LastOccurrenceAt = alert.AlertTime;
                }
            }
            else
            {
                alert.AutoPullPending = settings.AutoPullOnAlert && alert.DeviceRecordId is not null;
                if (settings.AlertGroupingEnabled)
                {
                    parents[alert.GroupKey] = alert;
                }
            }

            added.Add(alert);
            if (alert.Token is { } newToken)
            {
                known[newToken] = (alert.Id, alert.ParentAlertId);
            }

            outcomes[index] = new IngestionOutcome(IngestionStatus.Created, RecordId: alert.Id, ParentId: alert.ParentAlertId);
        }

        // Parents made by this batch are written with their children counted; earlier ones are moved on in one go.
        var grownParents = parents.Values.Where(p => storedChildren.TryGetValue(p.Id, out var before) && p.ChildCount > before).ToList();
        var grown = grownParents.Select(p => new ParentGrowth(p.Id, p.ChildCount - storedChildren[p.Id], p.LastOccurrenceAt)).ToList();
        await db.AlertsSql.InsertAsync(db, added, cancellationToken);
        await db.AlertsSql.GrowParentsAsync(db, grown, now, cancellationToken);
        await db.AlertsSql.GrowRollupsAsync(db, RollupGrowthOf(added), cancellationToken);

        // Where the store tells other processes with a NOTIFY, this batch's own transaction announces after its commit
        // (below); otherwise with its commit, as a caller's transaction does — together with what SaveChanges noted
        // (SQLite inserts alerts with it), so nothing is announced twice.
        var changes = added.Concat(grownParents).Select(a => new RecordChange(RecordKind.Alert, a.Id, a.DeviceRecordId)).ToList();
        var announceAfterCommit = transaction is not null && db.ChangeNotices.Sends;
        if (!announceAfterCommit)
        {
            await db.ChangedAsync(changes, cancellationToken);
        }

        var events = await WebhookEventsAsync(added, cancellationToken);
        await db.WebhookOutboxSql.InsertAsync(db, events, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (announceAfterCommit)
        {
            // Announced after the commit, in a statement of its own, as ReadingsWriter does: PostgreSQL serializes the
            // commits of transactions that NOTIFY, their sync to disk included, so concurrent batches (and every other
            // notifying writer) could not share a WAL flush. The alerts are stored by now: a failed announcement is
            // logged, never this batch's failure (a retry would store alerts without a token twice). The price: a
            // process that dies between the two leaves these alerts to the pages' next reload.
            try
            {
                await db.ChangedAsync(changes, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                AlertLog.AnnounceFailed(log, changes.Count, ex);
            }
        }

        if (events.Count > 0)
        {
            outbox.Notify();
        }

        // Inside a caller's transaction this may wake the worker before the commit; it then finds the alerts on its
        // next poll, as it finds those stored by other processes.
        if (added.Any(a => a.AutoPullPending))
        {
            signal.Notify();
        }

        var grouped = added.Count(a => a.ParentAlertId is not null);
        AlertLog.Ingested(log, providerInstanceId, added.Count, grouped, reports.Count - added.Count);
        return outcomes!;
    }

    /// <summary>What the new alerts add to their assets' rollups: their open parents, and the latest of their times.</summary>
    private static List<RollupGrowth> RollupGrowthOf(List<Alert> added) =>
        [.. added.Where(a => a.CustomerAssetId is not null).GroupBy(a => a.CustomerAssetId!.Value)
            .Select(g => new RollupGrowth(g.Key, g.Count(a => a.ParentAlertId is null && a.Status != AlertStatus.Closed), g.Max(a => a.AlertTime)))];

    /// <summary>
    /// The outbox rows of the batch, written with it in one bulk insert: <c>alert.created</c> for an alert that starts a
    /// group, <c>alert.grouped</c> for one that joined a parent. No payload is even built for a type nobody wants.
    /// </summary>
    private async Task<List<WebhookDelivery>> WebhookEventsAsync(List<Alert> added, CancellationToken cancellationToken)
    {
        var rows = new List<WebhookDelivery>();
        if (added.Count == 0)
        {
            return rows;
        }

        if (await outbox.IsWantedAsync(WebhookEventTypes.AlertCreated, cancellationToken))
        {
            rows.AddRange(await outbox.BuildAsync(WebhookEventTypes.AlertCreated, [.. added.Where(a => a.ParentAlertId is null).Select(WebhookPayloads.Alert)], cancellationToken));
        }

        if (await outbox.IsWantedAsync(WebhookEventTypes.AlertGrouped, cancellationToken))
        {
            rows.AddRange(await outbox.BuildAsync(WebhookEventTypes.AlertGrouped, [.. added.Where(a => a.ParentAlertId is not null).Select(WebhookPayloads.Alert)], cancellationToken));
        }

        return rows;
    }

    /// <summary>The open parent of each group, if its last alert is recent enough for anything of the batch to join it.</summary>
    private async Task<Dictionary<string, Alert>> OpenParentsAsync(List<string> groupKeys, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var candidates = await db.Alerts.AsNoTracking()
            .Where(a => groupKeys.Contains(a.GroupKey) && a.ParentAlertId == null && a.Status != AlertStatus.Closed && a.LastOccurrenceAt >= since)
            .ToListAsync(cancellationToken);
        return candidates.GroupBy(a => a.GroupKey).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.LastOccurrenceAt).First(), StringComparer.Ordinal);
    }

    /// <summary>Times are kept to the millisecond, which both databases store exactly, so the window's edges hold.</summary>
    private static DateTimeOffset Milliseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Whether <paramref name="alert"/> came within the window of the group's alerts (on either side, as alerts arrive late).</summary>
    private static bool Joins(Alert alert, Alert parent, TimeSpan window) =>
        alert.AlertTime >= parent.AlertTime - window && alert.AlertTime <= parent.LastOccurrenceAt + window;
}
