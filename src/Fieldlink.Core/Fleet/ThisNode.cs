using Fieldlink.Core.Connectors;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Fleet;

/// <summary>
/// This process's identity in the fleet: its node name, shared with the connectors (the MQTT client id's suffix), and
/// its incarnation, drawn anew at every start. Every lease this process takes (a command, a webhook delivery) is
/// owned by a string that starts with <see cref="LeasePrefix(Guid)"/> of its incarnation, so a survivor can tell the
/// leases of a dead process from those of a live one. One per process; thread-safe.
/// </summary>
public sealed class ThisNode(IOptions<ConnectorOptions> connectors)
{
    /// <summary>The node name: <c>Connectors:Node</c>, else <c>Mqtt:Node</c>, else the machine name.</summary>
    public string Name => connectors.Value.NodeName;

    /// <summary>This process's random id, never reused: a restart under the same name is another incarnation.</summary>
    public Guid Incarnation { get; } = Guid.NewGuid();

    /// <summary>The machine this process runs on, as its row in the store names it: the machine name (cut to fit).</summary>
    public string Host { get; init; } = StaleHolder.ThisHost(Environment.MachineName);

    /// <summary>This process's id on <see cref="Host"/>.</summary>
    public int ProcessId { get; init; } = Environment.ProcessId;

    /// <summary>What every lease owner of <paramref name="incarnation"/> starts with.</summary>
    public static string LeasePrefix(Guid incarnation) => $"{incarnation:N}:";

    /// <summary>A lease owner of this process: its incarnation's prefix, then <paramref name="purpose"/>.</summary>
    public string LeaseOwner(string purpose) => LeasePrefix(Incarnation) + purpose;

    /// <summary>A lease owner of this process for one claim, unique to it.</summary>
    public string NewClaim() => LeaseOwner(Guid.NewGuid().ToString("N"));
}
