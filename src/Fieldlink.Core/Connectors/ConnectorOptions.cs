using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Connectors;

/// <summary>How Fieldlink runs connectors (configuration section <c>Connectors</c>).</summary>
public sealed class ConnectorOptions
{
    /// <summary>How long an action may take before it is given up as timed out (504). Default: 30 seconds, as IoT Hub's direct methods.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often open connector instances are matched to the stored provider instances (new, changed, disabled, deleted). Default: 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The name of this process among those sharing the database, shown in each provider instance's
    /// <c>connection.nodes</c>; give each process its own. Default: <c>Mqtt:Node</c> when that is set, else the machine name.
    /// </summary>
    [MaxLength(Connections.ConnectionReport.NodeMaxLength)]
    public string? Node { get; set; }

    /// <summary>
    /// How long a process's connection report counts after it was written: a process that has not reported for longer
    /// (each reports at every <see cref="ReconcileInterval"/>) is taken as gone, and its report no longer counts.
    /// Default: three reconcile intervals (30 seconds).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "1.00:00:00")]
    public TimeSpan? StaleAfter { get; set; }

    /// <summary>This process's node name: <see cref="Node"/>, or the machine name.</summary>
    public string NodeName => string.IsNullOrWhiteSpace(Node) ? Environment.MachineName : Node.Trim();

    /// <summary><see cref="StaleAfter"/>, or three reconcile intervals.</summary>
    public TimeSpan ReportsStaleAfter => StaleAfter ?? ReconcileInterval * 3;
}
