using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Server.Health;

/// <summary>
/// When <c>/healthz/ready</c> calls the server Degraded (configuration section <c>Readiness</c>; environment
/// <c>FIELDLINK_Readiness__OutboxBacklog</c>, ...). Degraded still answers 200: the server serves, but something
/// falls behind that an operator should look at (docs/operations.md).
/// </summary>
public sealed class ReadinessOptions
{
    public const string Section = "Readiness";

    /// <summary>More webhook deliveries waiting than this is Degraded. Default: 1,000.</summary>
    [Range(0, int.MaxValue)]
    public int OutboxBacklog { get; set; } = 1_000;

    /// <summary>A webhook delivery waiting longer than this since its event is Degraded. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan OutboxOldest { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Dead letters received within this window are Degraded (any at all). Default: 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DeadLetterWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// An enabled provider instance Connecting for longer than this is Degraded (a Disconnected one is at once). Opening
    /// an instance, or a connector's own retry after a lost connection, takes a few seconds; past this the system on the
    /// other side is most likely not answering. Default: 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ConnectingGrace { get; set; } = TimeSpan.FromSeconds(30);
}
