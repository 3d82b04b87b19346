using Fieldlink.Sdk;

namespace Fieldlink.Core.Connections;

/// <summary>
/// A provider instance's connection, combined over the live processes (<see cref="InstanceConnectionStates.Combine"/>):
/// Disabled when the instance is; else Connected only when every live process is; Disconnected when any is;
/// Connecting otherwise, and when no process has reported yet.
/// </summary>
/// <param name="State">The combined state.</param>
/// <param name="Since">Since when the combined state holds, as far as the processes' reports tell; null when no process reported.</param>
/// <param name="LastError">The error of a process in the combined state (the earliest to enter it), or null.</param>
/// <param name="Nodes">Each live process's own report, by node name.</param>
public sealed record InstanceConnection(InstanceConnectionState State, DateTimeOffset? Since, string? LastError, IReadOnlyList<NodeConnection> Nodes);
