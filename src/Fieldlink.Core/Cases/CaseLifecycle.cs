using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Webhooks;
using Fieldlink.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Cases;

/// <summary>
/// The one place a case is created or changed, and with it the alerts it covers, so each change is one transaction
/// and one place to announce it (webhooks hook in after each commit here).
/// <para>
/// A group of alerts (a parent and its children) has at most one active case. A case links the whole group and puts
/// its open alerts in progress; resolving it closes them; canceling it gives them back (Active); reopening it reopens
/// the ones its resolution closed. Every change locks the alert group's key, as ingestion does, so an alert joining
/// the group meanwhile either comes before (and is linked) or after (and inherits the link from its parent); and the
/// case's own key, so a work order is never added to a case being closed.
/// </para>
/// </summary>
public sealed class CaseLifecycle(FieldlinkDbContext db, WebhookOutbox outbox, TimeProvider time, ILogger<CaseLifecycle> log)
{
    private const int Attempts = 3;

    /// <summary>
    /// Creates a case from <paramref name="alertId"/>: account, customer asset and description from the alert, the
    /// title from its description unless given. Refused (Conflict) when the alert's group already has an active case.
    /// </summary>
    public async Task<Outcome<Case>> CreateFromAlertAsync(Guid alertId, string? title, CasePriority? priority, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().Where(a => a.Id == alertId).Select(a => new { a.ParentAlertId, a.GroupKey }).FirstOrDefaultAsync(cancellationToken);
        if (alert is null)
        {
            return new(new Refusal(RefusalKind.NotFound, $"There is no alert with id {alertId}.", Noun: "alert", RecordId: alertId));
        }

        var rootId = alert.ParentAlertId ?? alertId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CreateOnceAsync(alertId, rootId, alert.GroupKey, title, priority, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // An alert of the group changed status meanwhile (the alerts API does not take the group's lock).
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Changes a case's fields and, when <paramref name="edit"/> names one, its status, with the effects on its alerts.
    /// <paramref name="expectedVersion"/> (from If-Match) makes it conditional on the case not having changed.
    /// </summary>
    public async Task<Outcome<Case>> UpdateAsync(Guid caseId, long? expectedVersion, CaseEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var groupKey = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Join(db.Alerts, c => c.AlertId, a => a.Id, (c, a) => a.GroupKey)
            .FirstOrDefaultAsync(cancellationToken);
        if (groupKey is null)
        {
            return NotFound(caseId);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await UpdateOnceAsync(caseId, groupKey, expectedVersion, edit, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts && expectedVersion is null)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException) when (expectedVersion is not null)
            {
                db.ChangeTracker.Clear();
                return Stale(caseId);
            }
        }
    }

    private async Task<Outcome<Case>> CreateOnceAsync(Guid alertId, Guid rootId, string groupKey, string? title, CasePriority? priority, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var locks = await db.LockAsync([AlertGroupKey.LockKey(groupKey)], cancellationToken);

        var group = await db.Alerts.Where(a => a.Id == rootId || a.ParentAlertId == rootId).ToListAsync(cancellationToken);
        if (await ActiveCaseOfAsync(group, null, cancellationToken) is { } existing)
        {
            return new(new Refusal(
                RefusalKind.Conflict,
                $"The alert already has case {existing.Number} (id {existing.Id}), which is active; an alert and the alerts grouped with it have one active case at a time.",
                Noun: "case",
                RecordId: existing.Id));
        }

        var source = group.Single(a => a.Id == alertId);
        var created = new Case
        {
            Number = await RecordNumbers.NextAsync(db, RecordNumbers.Case, cancellationToken),
            Title = string.IsNullOrWhiteSpace(title) ? TitleFrom(source.Description) : title.Trim(),
            Description = source.Description,
            Priority = priority ?? CasePriority.Normal,
            AlertId = source.Id,
            AccountId = source.AccountId,
            CustomerAssetId = source.CustomerAssetId,
        };
        db.Cases.Add(created);
        var moved = new List<(Alert Alert, AlertStatus From)>();
        foreach (var alert in group)
        {
            alert.CaseId = created.Id;
            if (alert.Status != AlertStatus.Closed)
            {
                if (alert.Status != AlertStatus.InProgress)
                {
                    moved.Add((alert, alert.Status));
                }

                alert.Status = AlertStatus.InProgress;
                alert.StatusReason = AlertStatusReason.CaseCreated;
                alert.StatusNote = null;
            }
        }

        await outbox.AddAsync(WebhookEventTypes.CaseCreated, WebhookPayloads.Case(created), cancellationToken);
        await AnnounceAsync(moved, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AlertRollups.RefreshAsync(db, AssetsOf(group), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        CaseLog.CaseCreated(log, created.Number, created.Id, alertId, group.Count);
        return new(created);
    }

    private async Task<Outcome<Case>> UpdateOnceAsync(Guid caseId, string groupKey, long? expectedVersion, CaseEdit edit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var locks = await db.LockAsync([Case.LockKey(caseId), AlertGroupKey.LockKey(groupKey)], cancellationToken);

        var found = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (found is null)
        {
            return NotFound(caseId);
        }

        if (expectedVersion is { } expected && expected != found.Version)
        {
            return Stale(caseId);
        }

        var from = found.Status;
        var to = edit.Status ?? from;
        if (to != from && await RefuseMoveAsync(found, to, cancellationToken) is { } refusal)
        {
            return new(refusal);
        }

        found.Title = edit.Title;
        found.Description = edit.Description;
        found.Priority = edit.Priority;
        found.AccountId = edit.AccountId;
        found.CustomerAssetId = edit.CustomerAssetId;
        var moved = new List<(Alert Alert, AlertStatus From)>();
        if (to != from)
        {
            var now = time.GetUtcNow();
            found.Status = to;
            found.ResolvedAt = to == CaseStatus.Resolved ? now : null;
            found.CanceledAt = to == CaseStatus.Canceled ? now : found.CanceledAt;
            moved = await MoveAlertsAsync(found.Id, to, cancellationToken);
        }

        await AnnounceAsync(moved, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AlertRollups.RefreshAsync(db, AssetsOf(moved.Select(m => m.Alert)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        if (to != from)
        {
            CaseLog.CaseMoved(log, found.Number, found.Id, from, to, moved.Count);
        }

        return new(found);
    }

    /// <summary>Why the case may not go to <paramref name="to"/> now, or null.</summary>
    private async Task<Refusal?> RefuseMoveAsync(Case found, CaseStatus to, CancellationToken cancellationToken)
    {
        var from = found.Status;
        if (!CaseTransitions.Allows(from, to))
        {
            var hint = from == CaseStatus.Canceled ? " A canceled case is final; create a new case from the alert." : string.Empty;
            return Conflict($"A case cannot go from {from} to {to}; case {found.Number} is {from}.{hint}");
        }

        if (to is CaseStatus.Resolved or CaseStatus.Canceled)
        {
            var open = await db.WorkOrders.AsNoTracking()
                .Where(w => w.CaseId == found.Id && (w.Status == WorkOrderStatus.Unscheduled || w.Status == WorkOrderStatus.Scheduled || w.Status == WorkOrderStatus.InProgress))
                .OrderBy(w => w.Number).Select(w => new { w.Id, w.Number, w.Status }).ToListAsync(cancellationToken);
            if (open.Count > 0)
            {
                return new Refusal(
                    RefusalKind.Conflict,
                    $"Case {found.Number} cannot go from {from} to {to} while it has open work orders: {string.Join(", ", open.Select(w => $"{w.Number} ({w.Status})"))}; complete or cancel them first.",
                    Noun: "work order",
                    RecordId: open[0].Id);
            }
        }

        if (to == CaseStatus.Active)
        {
            // Reopening must not make a second active case for the group, should the alerts have a new one by now.
            var source = await db.Alerts.AsNoTracking().Where(a => a.Id == found.AlertId).Select(a => new { a.Id, a.ParentAlertId }).SingleAsync(cancellationToken);
            var rootId = source.ParentAlertId ?? source.Id;
            var group = await db.Alerts.AsNoTracking().Where(a => a.Id == rootId || a.ParentAlertId == rootId).ToListAsync(cancellationToken);
            if (await ActiveCaseOfAsync(group, found.Id, cancellationToken) is { } other)
            {
                return new Refusal(
                    RefusalKind.Conflict,
                    $"Case {found.Number} cannot go from {from} to {to}: its alert now has case {other.Number} (id {other.Id}), which is active.",
                    Noun: "case",
                    RecordId: other.Id);
            }
        }

        return null;
    }

    /// <summary>
    /// What a case's status change does to the alerts it covers. Resolved: the open ones close. Canceled: the ones in
    /// progress go back to Active, as nobody is on them any more. Active again: the ones its resolution closed reopen
    /// (in progress); alerts closed for another reason stay closed.
    /// </summary>
    private async Task<List<(Alert Alert, AlertStatus From)>> MoveAlertsAsync(Guid caseId, CaseStatus to, CancellationToken cancellationToken)
    {
        var alerts = await db.Alerts.Where(a => a.CaseId == caseId).ToListAsync(cancellationToken);
        var moved = new List<(Alert Alert, AlertStatus From)>();
        foreach (var alert in alerts)
        {
            (AlertStatus Status, AlertStatusReason Reason)? next = to switch
            {
                CaseStatus.Resolved when alert.Status != AlertStatus.Closed => (AlertStatus.Closed, AlertStatusReason.CaseResolved),
                CaseStatus.Canceled when alert.Status == AlertStatus.InProgress => (AlertStatus.Active, AlertStatusReason.CaseCanceled),
                CaseStatus.Active when alert is { Status: AlertStatus.Closed, StatusReason: AlertStatusReason.CaseResolved } => (AlertStatus.InProgress, AlertStatusReason.Reopened),
                _ => null,
            };
            if (next is { } change)
            {
                moved.Add((alert, alert.Status));
                alert.Status = change.Status;
                alert.StatusReason = change.Reason;
                alert.StatusNote = null;
            }
        }

        return moved;
    }

    /// <summary>Adds an <c>alert.status_changed</c> event for each alert the change moved, saved with it.</summary>
    private async Task AnnounceAsync(List<(Alert Alert, AlertStatus From)> moved, CancellationToken cancellationToken)
    {
        foreach (var (alert, from) in moved)
        {
            await outbox.AddAsync(WebhookEventTypes.AlertStatusChanged, WebhookPayloads.AlertStatus(alert.Id, alert.ParentAlertId, from, alert.Status, alert.StatusReason, alert.StatusNote), cancellationToken);
        }
    }

    /// <summary>The active case (other than <paramref name="except"/>) linked to any alert of <paramref name="group"/>, or null.</summary>
    private async Task<(Guid Id, string Number)?> ActiveCaseOfAsync(List<Alert> group, Guid? except, CancellationToken cancellationToken)
    {
        var linked = group.Select(a => a.CaseId).OfType<Guid>().Where(id => id != except).Distinct().ToList();
        if (linked.Count == 0)
        {
            return null;
        }

        var active = await db.Cases.AsNoTracking()
            .Where(c => linked.Contains(c.Id) && c.Status == CaseStatus.Active)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.Number }).FirstOrDefaultAsync(cancellationToken);
        return active is null ? null : (active.Id, active.Number);
    }

    private static string TitleFrom(string description) =>
        description.Length <= Case.TitleMaxLength ? description : string.Concat(description.AsSpan(0, Case.TitleMaxLength - 1), "…");

    private static List<Guid> AssetsOf(IEnumerable<Alert> alerts) => [.. alerts.Select(a => a.CustomerAssetId).OfType<Guid>().Distinct()];

    private static Outcome<Case> NotFound(Guid caseId) =>
        new(new Refusal(RefusalKind.NotFound, $"There is no case with id {caseId}.", Noun: "case", RecordId: caseId));

    private static Outcome<Case> Stale(Guid caseId) =>
        new(new Refusal(RefusalKind.Stale, "The case has changed since the ETag in If-Match was read; read it again and retry.", Noun: "case", RecordId: caseId));

    private static Refusal Conflict(string message) => new(RefusalKind.Conflict, message, Noun: "case");
}
