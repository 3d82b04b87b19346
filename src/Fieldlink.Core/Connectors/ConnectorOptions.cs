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
}
