using System.ComponentModel.DataAnnotations;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Connectors.Simulator.Tests;

/// <summary>The simulator's settings, as Fieldlink validates them, and its registration.</summary>
public sealed class SimulatorSettingsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var settings = new SimulatorSettings();

        Assert.Empty(Validate(settings));
        Assert.Equal((1, 60d, 0d, 0d, 200), (settings.Seed, settings.TelemetryIntervalSeconds, settings.CommandFailureRate, settings.CommandTimeoutRate, settings.CommandDelayMilliseconds));
    }

    [Theory]
    [InlineData(1.5, 0, 60, "CommandFailureRate")]
    [InlineData(0, -0.1, 60, "CommandTimeoutRate")]
    [InlineData(0.6, 0.6, 60, "CommandTimeoutRate")]
    [InlineData(0, 0, 0.5, "TelemetryIntervalSeconds")]
    [InlineData(0, 0, -1, "TelemetryIntervalSeconds")]
    public void A_bad_setting_is_named(double failureRate, double timeoutRate, double interval, string named)
    {
        var errors = Validate(new SimulatorSettings { CommandFailureRate = failureRate, CommandTimeoutRate = timeoutRate, TelemetryIntervalSeconds = interval });

        Assert.Contains(errors, e => e.MemberNames.Contains(named));
    }

    [Fact]
    public void AddSimulatorConnector_registers_the_simulator_once()
    {
        var services = new ServiceCollection().AddSimulatorConnector().AddSimulatorConnector();

        var descriptor = Assert.Single(services, s => s.ServiceType == typeof(Connector));
        Assert.Equal(typeof(SimulatorConnector), descriptor.ImplementationType);
        Assert.Equal("simulator", new SimulatorConnector().Key);
    }

    private static List<ValidationResult> Validate(SimulatorSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results;
    }
}
