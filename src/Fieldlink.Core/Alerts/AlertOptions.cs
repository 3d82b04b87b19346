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

    /// <summary>
    /// How long a process's claim on an alert's auto-pull holds when the process neither finishes nor releases it
    /// (it died and no survivor released its leases). Longer than a pull takes (the connectors' action timeout), so a
    /// living process's pull is never taken. Default: 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AutoPullLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
