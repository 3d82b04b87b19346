using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Readings;

/// <summary>How long readings are kept, and how often last activity is written (configuration section <c>Readings</c>; environment <c>FIELDLINK_Readings__RetentionDays</c>).</summary>
public sealed class ReadingsOptions
{
    public const string Section = "Readings";

    /// <summary>Readings older than this many days are deleted; 0 keeps them forever. Default: 365.</summary>
    [Range(0, 36_500)]
    public int RetentionDays { get; set; } = 365;

    /// <summary>How often the retention sweep runs. Default: one hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most readings one delete statement removes, so a first sweep over years of data never holds a long lock
    /// or bloats one transaction. Default: 10,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RetentionBatchSize { get; set; } = 10_000;

    /// <summary>
    /// How far a device's last activity must move on before telemetry writes it again (see
    /// <see cref="LastActivityThrottle"/>): the stored last activity lags the newest reading by less than this, in
    /// exchange for not rewriting every device row with every batch. Zero writes it with every batch. Default: 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LastActivityResolution { get; set; } = TimeSpan.FromSeconds(30);
}
