using Fieldlink.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

// What the pages hear of the commands a move changed.
public sealed partial class CommandTransitions
{
    /// <summary>
    /// Tells the pages which commands changed, with their devices (one read, in the caller's transaction if any);
    /// null or more than a page names: some commands.
    /// </summary>
    private async Task AnnounceAsync(IReadOnlyCollection<Guid>? commandIds, CancellationToken cancellationToken) =>
        await AnnounceAsync(commandIds, null, cancellationToken);

    /// <summary>As <see cref="AnnounceAsync(IReadOnlyCollection{Guid}?, CancellationToken)"/>, without the read when <paramref name="devices"/> names every command's device.</summary>
    private async Task AnnounceAsync(IReadOnlyCollection<Guid>? commandIds, IReadOnlyDictionary<Guid, Guid>? devices, CancellationToken cancellationToken)
    {
        if (commandIds is { Count: > 0 and <= ChangeSet.MaxPerKind } && devices is not null && commandIds.All(devices.ContainsKey))
        {
            await db.ChangedAsync(commandIds.Select(id => new RecordChange(RecordKind.Command, id, devices[id])), cancellationToken);
            return;
        }

        if (commandIds is { Count: 0 })
        {
            return;
        }

        if (commandIds is null || commandIds.Count > ChangeSet.MaxPerKind)
        {
            await db.ChangedAsync([RecordChange.Any(RecordKind.Command)], cancellationToken);
            return;
        }

        var commands = await db.Commands.AsNoTracking().Where(c => commandIds.Contains(c.Id))
            .Select(c => new { c.Id, c.DeviceRecordId }).ToListAsync(cancellationToken);
        await db.ChangedAsync(commands.Select(c => new RecordChange(RecordKind.Command, c.Id, c.DeviceRecordId)), cancellationToken);
    }
}
