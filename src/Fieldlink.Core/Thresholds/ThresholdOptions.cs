using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Thresholds;

/// <summary>How threshold rules are applied (configuration section <c>Thresholds</c>).</summary>
public sealed class ThresholdOptions
{
    public const string Section = "Thresholds";

    /// <summary>
    /// How long a process uses the device categories' thresholds, and the states other processes wrote, before it
    /// reads them again: an edit of a threshold takes effect within this time (a new category at once). Default: 15 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a crossing whose alert could not be stored is retried (with the next batches of telemetry) before it
    /// is given up and logged as an error. Default: 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromMinutes(10);
}
