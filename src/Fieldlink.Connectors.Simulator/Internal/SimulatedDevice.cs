using System.Text.Json.Nodes;

namespace Fieldlink.Connectors.Simulator.Internal;

/// <summary>
/// One simulated HVAC sensor: its temperature is drawn towards its thermostat's setpoint, its humidity towards a level
/// of its own, each with a bounded random step per drift interval. The walk is a function of the instance's seed,
/// the device id, and the steps taken since the device was first seen, so it replays exactly. Not thread-safe: the
/// instance guards it.
/// </summary>
internal sealed class SimulatedDevice
{
    public const double MinTemperature = 0;
    public const double MaxTemperature = 40;
    public const double MinHumidity = 10;
    public const double MaxHumidity = 90;
    public const double DefaultSetpoint = 21;

    private static readonly string[] FirmwareVersions = ["2.3.1", "2.4.0", "2.4.2"];

    private readonly StableRandom _random;
    private readonly TimeSpan _step;
    private readonly double _humidityLevel;
    private long _steps;

    public SimulatedDevice(int seed, string deviceId, DateTimeOffset firstSeen, TimeSpan step)
    {
        DeviceId = deviceId;
        FirstSeen = firstSeen;
        _step = step;
        _random = StableRandom.For(seed, deviceId);

        // Setpoints differ from the default, so that Reset Thermostat visibly does something.
        Setpoint = 19 + _random.Below(5);
        Temperature = Setpoint + _random.Between(-2, 2);
        _humidityLevel = _random.Between(35, 55);
        Humidity = _humidityLevel;
        FirmwareVersion = FirmwareVersions[_random.Below(FirmwareVersions.Length)];
    }

    public string DeviceId { get; }

    public DateTimeOffset FirstSeen { get; }

    public double Temperature { get; private set; }

    public double Humidity { get; private set; }

    public double Setpoint { get; private set; }

    public string FirmwareVersion { get; }

    public string? LastNotification { get; private set; }

    public DateTimeOffset? LastNotificationAt { get; private set; }

    /// <summary>When the device last took a reading: its latest drift step.</summary>
    public DateTimeOffset LastActivityAt => FirstSeen + TimeSpan.FromTicks(_step.Ticks * _steps);

    /// <summary>Takes the drift steps due by <paramref name="now"/>; none if the clock went back.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        var due = now > FirstSeen ? (now - FirstSeen).Ticks / _step.Ticks : 0;
        for (; _steps < due; _steps++)
        {
            Temperature = Math.Clamp(Temperature + (0.1 * (Setpoint - Temperature)) + _random.Between(-0.5, 0.5), MinTemperature, MaxTemperature);
            Humidity = Math.Clamp(Humidity + (0.05 * (_humidityLevel - Humidity)) + _random.Between(-1, 1), MinHumidity, MaxHumidity);
        }
    }

    public void ResetThermostat() => Setpoint = DefaultSetpoint;

    public void Notify(string message, DateTimeOffset at)
    {
        LastNotification = message;
        LastNotificationAt = at;
    }

    /// <summary>Sets the values a technician forces, e.g. to provoke an alert; they drift on from there.</summary>
    public void SetValues(double? temperature, double? humidity)
    {
        Temperature = temperature ?? Temperature;
        Humidity = humidity ?? Humidity;
    }

    public IReadOnlyDictionary<string, double> Readings() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["temperature"] = Round(Temperature),
        ["humidity"] = Round(Humidity),
    };

    public JsonObject ReportedProperties()
    {
        var properties = new JsonObject
        {
            ["temperature"] = Round(Temperature),
            ["humidity"] = Round(Humidity),
            ["temperatureSetpoint"] = Setpoint,
            ["firmwareVersion"] = FirmwareVersion,
        };
        if (LastNotification is not null)
        {
            properties["lastNotification"] = LastNotification;
            properties["lastNotificationAt"] = LastNotificationAt;
        }

        return properties;
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
