using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Fleet;

/// <summary>How the processes sharing a store watch each other (configuration section <c>Fleet</c>).</summary>
public sealed class FleetOptions : IValidatableObject
{
    /// <summary>
    /// How often this process writes its heartbeat (one UPDATE) and looks for processes that stopped beating.
    /// Default: 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How old a process's heartbeat must be for the others to take it as dead and release its work (commands and
    /// webhook deliveries it leased), and for a new process to take over its node name. Must be well above
    /// <see cref="HeartbeatInterval"/> plus the store's worst write latency and the clocks' skew. Default: 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DeadAfter < HeartbeatInterval * 2)
        {
            yield return new ValidationResult(
                $"Fleet:DeadAfter ({DeadAfter}) must be at least twice Fleet:HeartbeatInterval ({HeartbeatInterval}), or a living process would be taken as dead between two beats.",
                [nameof(DeadAfter)]);
        }
    }
}
