using System.Security.Claims;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// What a page may do to a case — move it along its lifecycle, make its work order — through the Core's
/// <see cref="CaseLifecycle"/> and <see cref="WorkOrderLifecycle"/>, as the API does. Each action asks first whether its
/// person may dispatch, so one sent anyway from a page without the button is refused, and nothing is written.
/// </summary>
public sealed class CaseActions(IServiceScopeFactory scopes)
{
    private const int Attempts = 3;

    /// <summary>Moves the case to <paramref name="to"/>, with the effects on its alerts; the Core's words when it may not.</summary>
    public async Task<ActionReply> MoveAsync(ClaimsPrincipal person, Guid caseId, CaseStatus to, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await PersonCheck.MayDispatchAsync(scope.ServiceProvider, person))
            {
                return ActionReply.Refused(PersonCheck.ReadOnly);
            }

            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
            if (found is null)
            {
                return ActionReply.Refused("This case no longer exists.");
            }

            // The edit carries the fields as read, and the version they were read at: a change made meanwhile is never
            // undone, it makes the move read the case again (and check the step against where it is now).
            var edit = new CaseEdit(found.Title, found.Description, found.Priority, found.AccountId, found.CustomerAssetId, to);
            var outcome = await scope.ServiceProvider.GetRequiredService<CaseLifecycle>().UpdateAsync(caseId, found.Version, edit, ct);
            if (outcome.Refusal is { Kind: RefusalKind.Stale } && attempt < Attempts)
            {
                continue;
            }

            return outcome.Succeeded
                ? ActionReply.Done($"Case {found.Number} is now {to}.", caseId)
                : ActionReply.Refused(outcome.Refusal.Message);
        }
    }

    /// <summary>Creates the case's work order (the case must be active); the Core's words when it may not.</summary>
    public async Task<ActionReply> CreateWorkOrderAsync(ClaimsPrincipal person, Guid caseId, string? instructions, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayDispatchAsync(scope.ServiceProvider, person))
        {
            return ActionReply.Refused(PersonCheck.ReadOnly);
        }

        var text = string.IsNullOrWhiteSpace(instructions) ? null : instructions.Trim();
        if (text?.Length > WorkOrder.InstructionsMaxLength)
        {
            return ActionReply.Refused($"The instructions are {text.Length} characters long; at most {WorkOrder.InstructionsMaxLength} fit.");
        }

        var outcome = await scope.ServiceProvider.GetRequiredService<WorkOrderLifecycle>().CreateForCaseAsync(caseId, text, ct);
        return outcome.Succeeded
            ? ActionReply.Done($"Work order {outcome.Value!.Number} created.", outcome.Value.Id)
            : ActionReply.Refused(outcome.Refusal.Message);
    }
}
