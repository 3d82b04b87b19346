using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Fieldlink.Core.Fleet;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Hands a command queued in this process straight to this process's <see cref="CommandDispatcher"/>, so it is sent
/// without a claim query. <see cref="CommandIntake"/> writes such a command already leased to <see cref="Owner"/>
/// (in the request's transaction, so it is still sent after a restart once the lease runs out) and offers it here
/// after the commit; the dispatcher takes it in its next round. A cancel takes it back while the dispatcher has not.
/// </summary>
public sealed class CommandHandoff(CommandSignal signal, ThisNode node)
{
    private readonly ConcurrentDictionary<Guid, Command> _pending = new();

    /// <summary>The lease owner of commands written for this process's dispatcher; it carries this process's incarnation, so a survivor releases them when this process dies.</summary>
    public string Owner { get; } = node.LeaseOwner("intake");

    /// <summary>Whether this process's dispatcher is running and takes commands; when not, commands are written unleased.</summary>
    public bool Accepting { get; private set; }

    /// <summary>How many commands wait for the dispatcher.</summary>
    public int Count => _pending.Count;

    /// <summary>Offers committed commands written leased to <see cref="Owner"/>, and wakes the dispatcher.</summary>
    public void Offer(IEnumerable<Command> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            _pending[command.Id] = Copy(command);
        }

        signal.Notify();
    }

    /// <summary>Takes the command back before the dispatcher does; false when it is not waiting here.</summary>
    public bool TryTake(Guid commandId, [NotNullWhen(true)] out Command? command) => _pending.TryRemove(commandId, out command);

    /// <summary>Puts back a command taken with <see cref="TryTake"/> that could not be canceled after all.</summary>
    internal void Return(Command command)
    {
        _pending[command.Id] = command;
        signal.Notify();
    }

    /// <summary>
    /// Puts back commands the dispatcher took but could not start sending (its round failed: the store unreachable, say),
    /// without waking it: they go in its next round, at the next poll or queued command, not after their lease.
    /// </summary>
    internal void PutBack(IEnumerable<Command> commands)
    {
        foreach (var command in commands)
        {
            _pending[command.Id] = command;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> waiting commands, oldest first; with <paramref name="eligible"/>, only those it allows (the others keep waiting here).</summary>
    public List<Command> Take(int max, Func<Command, bool>? eligible = null)
    {
        var taken = new List<Command>();
        foreach (var command in _pending.Values.Where(c => eligible is null || eligible(c)).OrderBy(c => c.CreatedAt).Take(max))
        {
            if (_pending.TryRemove(command.Id, out var mine))
            {
                taken.Add(mine);
            }
        }

        return taken;
    }

    internal void Start() => Accepting = true;

    /// <summary>Stops accepting and returns what still waited, for the dispatcher to release.</summary>
    internal List<Command> Stop()
    {
        Accepting = false;
        return Take(int.MaxValue);
    }

    // The dispatcher works on its own copy, not on an entity the request's DbContext tracks.
    private static Command Copy(Command c) => new()
    {
        Id = c.Id,
        Version = c.Version,
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
        DeviceRecordId = c.DeviceRecordId,
        CustomerAssetId = c.CustomerAssetId,
        Name = c.Name,
        Parameters = c.Parameters,
        AlertId = c.AlertId,
        Status = c.Status,
        ExpiresAt = c.ExpiresAt,
        IdempotencyKey = c.IdempotencyKey,
        Attempts = c.Attempts,
        LeaseOwner = c.LeaseOwner,
        LeaseUntil = c.LeaseUntil,
    };
}
