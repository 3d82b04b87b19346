using Fieldlink.Sdk;

namespace Fieldlink.Core.Connections;

/// <summary>One live process's connection of a provider instance.</summary>
/// <param name="Node">The process's node name (<c>Connectors:Node</c>).</param>
/// <param name="State">Connecting, Connected or Disconnected.</param>
/// <param name="Since">When the process's state last changed.</param>
/// <param name="LastError">The connector's own words for why it is not connected, or null.</param>
/// <param name="ReportedAt">When the process last reported (a change or a heartbeat).</param>
public sealed record NodeConnection(string Node, InstanceConnectionState State, DateTimeOffset Since, string? LastError, DateTimeOffset ReportedAt);
