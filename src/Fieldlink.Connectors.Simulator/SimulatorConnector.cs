using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Simulator;

/// <summary>
/// The built-in simulator (key <c>simulator</c>): simulated devices whose readings drift, which register, answer
/// pulls, carry out commands and publish telemetry, so Fieldlink can be tried and tested without any IoT system.
/// </summary>
/// <remarks>Stateless and thread-safe; every provider instance gets its own <see cref="SimulatorInstance"/>.</remarks>
public sealed class SimulatorConnector : Connector<SimulatorSettings, SimulatorInstance>
{
    /// <summary>The key providers name the simulator by.</summary>
    public const string ConnectorKey = "simulator";

    /// <inheritdoc />
    public override string Key => ConnectorKey;

    /// <inheritdoc />
    public override string DisplayName => "Simulator";

    /// <inheritdoc />
    public override string? Description =>
        "Simulated HVAC sensors whose temperature and humidity drift; they carry out Reset Thermostat, Notification and Set Values.";

    /// <inheritdoc />
    protected override SimulatorInstance Open(SimulatorSettings settings, ConnectorContext context) => new(settings, context);
}
