using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Thresholds;

/// <summary>
/// A reading that moved a device's measure from one state to another. Entering BelowLow or AboveHigh is a crossing,
/// which raises an alert; coming back to Normal only moves the state.
/// </summary>
/// <param name="ProviderInstanceId">The instance the telemetry came through, whose alert list the alert joins.</param>
/// <param name="DeviceRecordId">Fieldlink's id of the device.</param>
/// <param name="DeviceId">The device's id in its provider's system, as alerts name devices.</param>
/// <param name="Rule">The measure's thresholds.</param>
/// <param name="From">The state before the reading.</param>
/// <param name="To">The state after it.</param>
/// <param name="At">The reading's timestamp, normalized as readings are stored (<see cref="ReadingTime"/>).</param>
/// <param name="Value">The reading's value.</param>
public sealed record ThresholdTransition(
    Guid ProviderInstanceId, Guid DeviceRecordId, string DeviceId, ThresholdRule Rule, ThresholdState From, ThresholdState To, DateTimeOffset At, double Value)
{
    /// <summary>Whether the transition enters BelowLow or AboveHigh, and so raises an alert.</summary>
    public bool IsCrossing => To != ThresholdState.Normal;

    /// <summary>
    /// The alert's token: the same device, measure, direction and reading time always give the same one, so a
    /// retried batch, or the same batch in two processes, finds the alert already there (a duplicate).
    /// </summary>
    public string Token
    {
        get
        {
            var key = $"{DeviceRecordId:N}\n{Rule.Measure}\n{To}\n{ReadingTime.ToUnixMicroseconds(At)}";
            return "threshold-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }
    }

    /// <summary>The Anomaly alert this crossing raises, with the reading in its data.</summary>
    public AlertReport ToAlert()
    {
        if (!IsCrossing)
        {
            throw new InvalidOperationException("Only a crossing raises an alert.");
        }

        var data = new JsonObject
        {
            ["source"] = "thresholdRule",
            ["measure"] = Rule.Measure,
            ["value"] = Value,
            ["unit"] = Rule.Unit,
            ["threshold"] = Rule.ThresholdOf(To),
            ["crossed"] = To == ThresholdState.AboveHigh ? "high" : "low",
            ["hysteresis"] = Rule.Hysteresis,
            ["timestamp"] = At,
        };
        return new AlertReport(DeviceId, Rule.Describe(To, Value), AlertType.Anomaly, At, data, Token);
    }
}
