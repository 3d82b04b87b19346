using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// Moves alerts through Active → InProgress → Closed, and back to Active when reopened. A group moves together: the
/// status of a parent is the status of its children, whichever of them is changed.
/// </summary>
public sealed class AlertLifecycle(FieldlinkDbContext db, AlertGroupGate gate, WebhookOutbox outbox, TimeProvider time)
{
    /// <summary>Whether an alert may go from <paramref name="from"/> to <paramref name="to"/>; a closed alert must be reopened (to Active) first.</summary>
    public static bool Allows(AlertStatus from, AlertStatus to) => from == to || from != AlertStatus.Closed || to == AlertStatus.Active;

    /// <summary>
    /// A person moves the group of <paramref name="alert"/> to <paramref name="to"/>, saying why in <paramref name="note"/>
    /// (trimmed; blank for none): recorded as Manual, or Reopened when it leaves Closed. The same status with a new note
    /// changes only the note. Refused (nothing written) when a closed alert is not reopened first, or the note is too long.
    /// </summary>
    public async Task<Refusal?> ChangeAsync(Alert alert, AlertStatus to, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > Alert.StatusNoteMaxLength })
        {
            return new Refusal(RefusalKind.Invalid, $"The note is at most {Alert.StatusNoteMaxLength} characters; this one has {note.Length}.", "statusNote");
        }

        if (!Allows(alert.Status, to))
        {
            return new Refusal(RefusalKind.Conflict, $"A closed alert goes back to Active (reopened) before it can be {to}.");
        }

        if (alert.Status != to || (note is not null && note != alert.StatusNote))
        {
            var reason = alert.Status == AlertStatus.Closed && to != AlertStatus.Closed ? AlertStatusReason.Reopened : AlertStatusReason.Manual;
            await MoveAsync(alert, to, reason, note, cancellationToken);
        }

        return null;
    }

    /// <summary>Moves the group of <paramref name="alert"/> to <paramref name="to"/> without a note (Fieldlink's own moves).</summary>
    public Task MoveAsync(Alert alert, AlertStatus to, AlertStatusReason reason, CancellationToken cancellationToken) =>
        MoveAsync(alert, to, reason, note: null, cancellationToken);

    /// <summary>
    /// Moves the group of <paramref name="alert"/> to <paramref name="to"/>, with the person's <paramref name="note"/> on it
    /// (null for none); the caller has checked <see cref="Allows"/>.
    /// </summary>
    private async Task MoveAsync(Alert alert, AlertStatus to, AlertStatusReason reason, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var root = alert.ParentAlertId ?? alert.Id;
        var now = time.GetUtcNow();

        // The group's lock, as ingestion and cases take it, so a status change and a joining repeat cannot cross.
        long[] lockKeys = [AlertGroupKey.LockKey(alert.GroupKey)];
        using var queued = await gate.EnterAsync(lockKeys, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var locks = await db.LockAsync(lockKeys, cancellationToken);
        var changing = await outbox.IsWantedAsync(WebhookEventTypes.AlertStatusChanged, cancellationToken)
            ? await db.Alerts.AsNoTracking().Where(a => (a.Id == root || a.ParentAlertId == root) && a.Status != to)
                .Select(a => new { a.Id, a.ParentAlertId, a.Status }).ToListAsync(cancellationToken)
            : [];
        await db.Alerts.Where(a => a.Id == root || a.ParentAlertId == root)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Status, to)
                    .SetProperty(a => a.StatusReason, reason)
                    .SetProperty(a => a.StatusNote, note)
                    .Stamped(now),
                cancellationToken);
        await RefreshRollupsAsync(root, cancellationToken);
        var group = await db.Alerts.AsNoTracking().Where(a => a.Id == root || a.ParentAlertId == root)
            .Select(a => new { a.Id, a.DeviceRecordId }).Take(ChangeSet.MaxPerKind + 1).ToListAsync(cancellationToken);
        await db.ChangedAsync(
            group.Count > ChangeSet.MaxPerKind ? [RecordChange.Any(RecordKind.Alert)] : group.Select(a => new RecordChange(RecordKind.Alert, a.Id, a.DeviceRecordId)),
            cancellationToken);
        var events = await outbox.BuildAsync(
            WebhookEventTypes.AlertStatusChanged, [.. changing.Select(a => WebhookPayloads.AlertStatus(a.Id, a.ParentAlertId, a.Status, to, reason, note))], cancellationToken);
        await db.WebhookOutboxSql.InsertAsync(db, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (events.Count > 0)
        {
            outbox.Notify();
        }
    }

    /// <summary>A command answering the alert was sent: an Active group goes InProgress; one further on stays as it is.</summary>
    public async Task CommandSentAsync(Guid alertId, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is { Status: AlertStatus.Active })
        {
            await MoveAsync(alert, AlertStatus.InProgress, AlertStatusReason.CommandSent, cancellationToken);
        }
    }

    private async Task RefreshRollupsAsync(Guid root, CancellationToken cancellationToken)
    {
        var assets = await db.Alerts.Where(a => (a.Id == root || a.ParentAlertId == root) && a.CustomerAssetId != null)
            .Select(a => a.CustomerAssetId!.Value).Distinct().ToListAsync(cancellationToken);
        await AlertRollups.RefreshAsync(db, assets, cancellationToken);
    }
}
