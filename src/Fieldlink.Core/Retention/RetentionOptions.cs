using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Retention;

/// <summary>
/// How long finished records are kept (configuration section <c>Retention</c>; environment
/// <c>FIELDLINK_Retention__CommandDays</c>, ...). A record's age counts from when it finished, so nothing still
/// waiting or running is ever pruned. Readings have their own retention (<c>Readings:RetentionDays</c>).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Webhook deliveries that Succeeded, are Dead or Canceled this many days ago are deleted; 0 keeps them forever. Default: 30.</summary>
    [Range(0, 36_500)]
    public int WebhookDeliveryDays { get; set; } = 30;

    /// <summary>Dead letters received this many days ago are deleted; 0 keeps them forever. Default: 30.</summary>
    [Range(0, 36_500)]
    public int DeadLetterDays { get; set; } = 30;

    /// <summary>
    /// Commands that finished (Succeeded, Failed, TimedOut, Expired or Canceled) this many days ago are deleted; 0 keeps
    /// them forever. Default: 90.
    /// </summary>
    [Range(0, 36_500)]
    public int CommandDays { get; set; } = 90;

    /// <summary>How often the pruning pass runs; the first runs at start. Default: one hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most rows one delete statement removes: each statement is a short transaction of its own, so a first pass
    /// over months of records never holds a long lock or one huge transaction. Default: 1,000.
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1_000;
}
