using Fieldlink.Sdk;

namespace Fieldlink.Core.Connections;

/// <summary>
/// What one process last reported of one provider instance's connection: written by that process's
/// <see cref="ConnectionReportWriter"/> when the state or error changes and at each heartbeat (never per message),
/// deleted when the process closes the instance. A row whose <see cref="ReportedAt"/> is older than the staleness
/// window is of a process that is gone, and is not counted.
/// </summary>
public sealed class ConnectionReport
{
    public const int NodeMaxLength = 100;

    public const int LastErrorMaxLength = 2000;

    public Guid ProviderInstanceId { get; set; }

    /// <summary>The process's node name (<c>Connectors:Node</c>).</summary>
    public required string Node { get; set; }

    /// <summary>Connecting, Connected or Disconnected.</summary>
    public InstanceConnectionState State { get; set; }

    /// <summary>When the process's state last changed.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>The connector's own words for why it is not connected; null when it gave none.</summary>
    public string? LastError { get; set; }

    /// <summary>When the process last wrote the row (a change or a heartbeat), by its clock.</summary>
    public DateTimeOffset ReportedAt { get; set; }
}
