using Fieldlink.Core.Cases;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.WorkOrders;

/// <summary>
/// The one place a work order is created or changed (webhooks hook in after each save here). A work order is made
/// only for an active case, under the case's lock, so it never lands on a case being resolved or canceled; its status
/// moves one step at a time (<see cref="WorkOrderTransitions"/>), each step stamped.
/// </summary>
public sealed class WorkOrderLifecycle(FieldlinkDbContext db, WebhookOutbox outbox, TimeProvider time, ILogger<WorkOrderLifecycle> log)
{
    private const int Attempts = 3;

    /// <summary>
    /// Creates a work order for <paramref name="caseId"/>: account and customer asset from the case (which has them from
    /// its alert), the primary incident from the case's alert. Refused (Conflict) unless the case is active.
    /// </summary>
    public async Task<Outcome<WorkOrder>> CreateForCaseAsync(Guid caseId, string? instructions, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var locks = await db.LockAsync([Case.LockKey(caseId)], cancellationToken);

        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (found is null)
        {
            return new(new Refusal(RefusalKind.NotFound, $"There is no case with id {caseId}.", Noun: "case", RecordId: caseId));
        }

        if (found.Status != CaseStatus.Active)
        {
            var hint = found.Status == CaseStatus.Resolved ? " Reopen it first (status Active)." : string.Empty;
            return new(new Refusal(
                RefusalKind.Conflict,
                $"Case {found.Number} is {found.Status}; work orders are made only for an active case.{hint}",
                Noun: "case",
                RecordId: found.Id));
        }

        var incident = await db.Alerts.AsNoTracking().Where(a => a.Id == found.AlertId)
            .Select(a => new { a.AlertType, a.Description }).SingleAsync(cancellationToken);
        var created = new WorkOrder
        {
            Number = await RecordNumbers.NextAsync(db, RecordNumbers.WorkOrder, cancellationToken),
            CaseId = found.Id,
            AlertId = found.AlertId,
            AccountId = found.AccountId,
            CustomerAssetId = found.CustomerAssetId,
            PrimaryIncidentType = incident.AlertType,
            PrimaryIncidentDescription = incident.Description,
            Instructions = instructions,
        };
        db.WorkOrders.Add(created);
        await outbox.AddAsync(WebhookEventTypes.WorkOrderCreated, WebhookPayloads.WorkOrder(created, null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        CaseLog.WorkOrderCreated(log, created.Number, created.Id, caseId);
        return new(created);
    }

    /// <summary>
    /// Changes a work order's instructions and, when <paramref name="edit"/> names one, its status.
    /// <paramref name="expectedVersion"/> (from If-Match) makes it conditional on the work order not having changed.
    /// </summary>
    public async Task<Outcome<WorkOrder>> UpdateAsync(Guid workOrderId, long? expectedVersion, WorkOrderEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await UpdateOnceAsync(workOrderId, expectedVersion, edit, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts && expectedVersion is null)
            {
                // Changed meanwhile: read it again, and check the step against where it is now.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException) when (expectedVersion is not null)
            {
                db.ChangeTracker.Clear();
                return Stale(workOrderId);
            }
        }
    }

    private async Task<Outcome<WorkOrder>> UpdateOnceAsync(Guid workOrderId, long? expectedVersion, WorkOrderEdit edit, CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == workOrderId, cancellationToken);
        if (order is null)
        {
            return new(new Refusal(RefusalKind.NotFound, $"There is no work order with id {workOrderId}.", Noun: "work order", RecordId: workOrderId));
        }

        if (expectedVersion is { } expected && expected != order.Version)
        {
            return Stale(workOrderId);
        }

        var from = order.Status;
        var to = edit.Status ?? from;
        if (to != from && !WorkOrderTransitions.Allows(from, to))
        {
            var next = Enum.GetValues<WorkOrderStatus>().Where(s => WorkOrderTransitions.Allows(from, s)).ToList();
            var hint = next.Count == 0 ? $"{from} is final." : $"From {from} it can go to {string.Join(" or ", next)}.";
            return new(new Refusal(
                RefusalKind.Conflict,
                $"A work order cannot go from {from} to {to}; work order {order.Number} is {from}. {hint}",
                Noun: "work order",
                RecordId: order.Id));
        }

        order.Instructions = edit.Instructions;
        if (to != from)
        {
            order.Status = to;
            Stamp(order, to, time.GetUtcNow());
            await outbox.AddAsync(WebhookEventTypes.WorkOrderStatusChanged, WebhookPayloads.WorkOrder(order, from), cancellationToken);
        }

        // One SaveChanges, so the status and its event are stored together or not at all.
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        if (to != from)
        {
            CaseLog.WorkOrderMoved(log, order.Number, order.Id, from, to);
        }

        return new(order);
    }

    private static void Stamp(WorkOrder order, WorkOrderStatus status, DateTimeOffset now)
    {
        switch (status)
        {
            case WorkOrderStatus.Scheduled:
                order.ScheduledAt = now;
                break;
            case WorkOrderStatus.InProgress:
                order.StartedAt = now;
                break;
            case WorkOrderStatus.Completed:
                order.CompletedAt = now;
                break;
            case WorkOrderStatus.Closed:
                order.ClosedAt = now;
                break;
            case WorkOrderStatus.Canceled:
                order.CanceledAt = now;
                break;
            default:
                break;
        }
    }

    private static Outcome<WorkOrder> Stale(Guid workOrderId) =>
        new(new Refusal(RefusalKind.Stale, "The work order has changed since the ETag in If-Match was read; read it again and retry.", Noun: "work order", RecordId: workOrderId));
}
