using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Alerts;

/// <summary>How alerts are handled (configuration section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>How often the auto-pull worker looks for alerts stored by other processes. Default: 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AutoPullPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many alerts' pulls the worker takes at once. Default: 100.</summary>
    [Range(1, 1000)]
    public int AutoPullBatchSize { get; set; } = 100;
}
