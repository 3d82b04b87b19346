namespace Fieldlink.Core.Fleet;

/// <summary>
/// One Fieldlink process among those sharing the store, under its node name: claimed at start by the process's
/// <see cref="ThisNode.Incarnation"/>, kept alive by its heartbeat, deleted when it stops or when a survivor finds it
/// dead (its heartbeat older than <see cref="FleetOptions.DeadAfter"/>) and releases its work.
/// </summary>
public sealed class FleetNode
{
    public const int NameMaxLength = 100;

    public const int HostMaxLength = 255;

    /// <summary>The node name (<c>Connectors:Node</c>, else <c>Mqtt:Node</c>, else the machine name); one live process each.</summary>
    public required string Name { get; set; }

    /// <summary>The process that holds the name now, a random id drawn at its start; the prefix of its lease owners.</summary>
    public Guid Incarnation { get; set; }

    /// <summary>The machine the process runs on, for an operator reading a refusal or the log.</summary>
    public required string Host { get; set; }

    /// <summary>The process id on <see cref="Host"/>.</summary>
    public int ProcessId { get; set; }

    /// <summary>When the process claimed the name, by its clock.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the process last beat, by its clock.</summary>
    public DateTimeOffset HeartbeatAt { get; set; }
}
