using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

/// <summary>Writes a command's <c>command.status_changed</c> event to the outbox, to be saved with the move that caused it.</summary>
internal static class CommandEvents
{
    /// <summary>Adds the event of the command as it now is, having been <paramref name="previous"/>.</summary>
    public static async Task AddAsync(FieldlinkDbContext db, WebhookOutbox outbox, Guid commandId, CommandStatus? previous, CancellationToken cancellationToken)
    {
        var command = await db.Commands.AsNoTracking().FirstAsync(c => c.Id == commandId, cancellationToken);
        await outbox.AddAsync(WebhookEventTypes.CommandStatusChanged, WebhookPayloads.Command(command, previous), cancellationToken);
    }
}
