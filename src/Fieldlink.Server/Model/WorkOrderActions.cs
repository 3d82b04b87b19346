using System.Security.Claims;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// What a page may do to a work order — move it one step along its lifecycle — through the Core's
/// <see cref="WorkOrderLifecycle"/>, as the API does (Dispatchers and Administrators; a Technician reads only, as in the
/// API). It asks first whether its person may dispatch, so one sent anyway is refused, and nothing is written.
/// </summary>
public sealed class WorkOrderActions(IServiceScopeFactory scopes)
{
    private const int Attempts = 3;

    /// <summary>Moves the work order to <paramref name="to"/>; the Core's words when the lifecycle does not allow it.</summary>
    public async Task<ActionReply> MoveAsync(ClaimsPrincipal person, Guid workOrderId, WorkOrderStatus to, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await PersonCheck.MayDispatchAsync(scope.ServiceProvider, person))
            {
                return ActionReply.Refused(PersonCheck.ReadOnly);
            }

            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var order = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workOrderId, ct);
            if (order is null)
            {
                return ActionReply.Refused("This work order no longer exists.");
            }

            // The instructions as read, at the version read: an edit made meanwhile makes the move read again, never undone.
            var outcome = await scope.ServiceProvider.GetRequiredService<WorkOrderLifecycle>()
                .UpdateAsync(workOrderId, order.Version, new WorkOrderEdit(order.Instructions, to), ct);
            if (outcome.Refusal is { Kind: RefusalKind.Stale } && attempt < Attempts)
            {
                continue;
            }

            return outcome.Succeeded
                ? ActionReply.Done($"Work order {order.Number} is now {to}.", workOrderId)
                : ActionReply.Refused(outcome.Refusal.Message);
        }
    }
}
