using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Simulator.Internal;

/// <summary>
/// What a simulated device does with a command: the three of the reference system (<c>Reset Thermostat</c>,
/// <c>Notification</c> {Message}, <c>Set Values</c> {Reading: {Temperature, Humidity}}). Names and parameter names
/// are matched ignoring case, as people type them differently.
/// </summary>
internal static class SimulatedCommands
{
    public const string ResetThermostat = "Reset Thermostat";
    public const string Notification = "Notification";
    public const string SetValues = "Set Values";

    /// <summary>Carries out the command on the device; returns null on success, otherwise why it failed.</summary>
    public static string? Execute(SimulatedDevice device, DeviceCommand command, DateTimeOffset now)
    {
        if (Is(command.Name, ResetThermostat))
        {
            device.ResetThermostat();
            return null;
        }

        if (Is(command.Name, Notification))
        {
            if (Find(command.Parameters, "Message") is not { } message || message.GetValueKind() != JsonValueKind.String)
            {
                return "Notification needs the parameter Message, a string.";
            }

            device.Notify(message.GetValue<string>(), now);
            return null;
        }

        if (Is(command.Name, SetValues))
        {
            return ExecuteSetValues(device, command.Parameters);
        }

        return $"The simulated device does not know the command '{command.Name}'; it knows {ResetThermostat}, {Notification} and {SetValues}.";
    }

    private static string? ExecuteSetValues(SimulatedDevice device, JsonObject parameters)
    {
        if (Find(parameters, "Reading") is not JsonObject reading)
        {
            return "Set Values needs the parameter Reading, an object with Temperature and/or Humidity.";
        }

        var temperatureNode = Find(reading, "Temperature");
        var humidityNode = Find(reading, "Humidity");
        if (temperatureNode is null && humidityNode is null)
        {
            return "Set Values needs Reading.Temperature or Reading.Humidity.";
        }

        double? temperature = null;
        double? humidity = null;
        if (temperatureNode is not null && !TryRead(temperatureNode, SimulatedDevice.MinTemperature, SimulatedDevice.MaxTemperature, out temperature))
        {
            return $"Reading.Temperature must be a number from {SimulatedDevice.MinTemperature} to {SimulatedDevice.MaxTemperature}.";
        }

        if (humidityNode is not null && !TryRead(humidityNode, SimulatedDevice.MinHumidity, SimulatedDevice.MaxHumidity, out humidity))
        {
            return $"Reading.Humidity must be a number from {SimulatedDevice.MinHumidity} to {SimulatedDevice.MaxHumidity}.";
        }

        device.SetValues(temperature, humidity);
        return null;
    }

    /// <summary>Reads a number given as a JSON number or as a string (the reference sends <c>"30"</c>).</summary>
    private static bool TryRead(JsonNode node, double min, double max, out double? value)
    {
        value = null;
        double number;
        switch (node.GetValueKind())
        {
            case JsonValueKind.Number:
                // The JSON text, not GetValue<double>(), which throws for a value built from an int.
                number = double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                break;
            case JsonValueKind.String when double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                break;
            default:
                return false;
        }

        if (!double.IsFinite(number) || number < min || number > max)
        {
            return false;
        }

        value = number;
        return true;
    }

    private static bool Is(string name, string command) => string.Equals(name.Trim(), command, StringComparison.OrdinalIgnoreCase);

    private static JsonNode? Find(JsonObject parent, string name) =>
        parent.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
