using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Connectors.Simulator;

/// <summary>
/// The settings of one simulator instance (JSON names in camelCase: <c>seed</c>, <c>telemetryIntervalSeconds</c>, ...).
/// The defaults give a well-behaved fleet: readings every minute, commands that succeed after 200 ms.
/// </summary>
public sealed class SimulatorSettings : IValidatableObject
{
    /// <summary>
    /// Seeds every random choice of the instance (the devices' starting values, their drift, which commands fail), so
    /// the same seed and the same calls give the same values. Default: 1.
    /// </summary>
    [Description("Seeds every random choice of the instance (starting values, drift, which commands fail): the same seed and the same calls give the same values.")]
    public int Seed { get; set; } = 1;

    /// <summary>
    /// How often, in seconds, the instance publishes telemetry for the devices it has seen; 0 turns telemetry off.
    /// The devices' values drift one step per interval (per 60 seconds when telemetry is off). Default: 60.
    /// </summary>
    [Description("How often, in seconds, the instance publishes telemetry for the devices it has seen; 0 turns telemetry off.")]
    [Range(0, 86_400)]
    public double TelemetryIntervalSeconds { get; set; } = 60;

    /// <summary>The share of commands (0 to 1) that the simulated device receives and then fails, for testing. Default: 0.</summary>
    [Description("The share of commands (0 to 1) that the simulated device receives and then fails, for testing.")]
    [Range(0.0, 1.0)]
    public double CommandFailureRate { get; set; }

    /// <summary>
    /// The share of commands (0 to 1) that are taken and never answered, so that Fieldlink's command timeout marks them
    /// TimedOut, for testing. Default: 0.
    /// </summary>
    [Description("The share of commands (0 to 1) that are taken and never answered, so that they time out, for testing.")]
    [Range(0.0, 1.0)]
    public double CommandTimeoutRate { get; set; }

    /// <summary>How long, in milliseconds, a simulated device takes to receive and carry out a command. Default: 200.</summary>
    [Description("How long, in milliseconds, a simulated device takes to receive and carry out a command.")]
    [Range(0, 600_000)]
    public int CommandDelayMilliseconds { get; set; } = 200;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TelemetryIntervalSeconds is > 0 and < 1)
        {
            yield return new ValidationResult(
                "The telemetry interval is 0 (off) or at least 1 second.",
                [nameof(TelemetryIntervalSeconds)]);
        }

        if (CommandFailureRate + CommandTimeoutRate > 1)
        {
            yield return new ValidationResult(
                "The command failure and timeout rates are shares of the same commands: together they are at most 1.",
                [nameof(CommandFailureRate), nameof(CommandTimeoutRate)]);
        }
    }
}
