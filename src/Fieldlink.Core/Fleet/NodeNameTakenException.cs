namespace Fieldlink.Core.Fleet;

/// <summary>
/// Another living process holds this process's node name in the store: two processes under one name would take each
/// other's MQTT sessions and leases, so the second refuses to start.
/// </summary>
public sealed class NodeNameTakenException : Exception
{
    public NodeNameTakenException(string node, string host, int processId)
        : base($"The node name '{node}' is in use by a living Fieldlink process (process {processId} on {host}), which beats its heartbeat in the store. " +
            "Give each process its own node name: set Connectors:Node (FIELDLINK_Connectors__Node, or Mqtt:Node) to a name that is stable across restarts of this " +
            "process and unique among the processes sharing the store, such as a StatefulSet pod's name (docs/scale-out.md).")
    {
        Node = node;
    }

    public NodeNameTakenException()
    {
        Node = "";
    }

    public NodeNameTakenException(string message)
        : base(message)
    {
        Node = "";
    }

    public NodeNameTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
        Node = "";
    }

    /// <summary>The node name that was taken.</summary>
    public string Node { get; }
}
