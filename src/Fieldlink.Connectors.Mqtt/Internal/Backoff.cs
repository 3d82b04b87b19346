namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// Exponential backoff with jitter: the n-th wait is a random time between half and all of min·2ⁿ, capped at max, so
/// processes that lost the same broker do not all come back at the same instant.
/// </summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max, Random random)
{
    private int _failures;

    /// <summary>The reconnect backoff of the settings, also used between attempts to store a batch.</summary>
    public static Backoff For(MqttSettings settings) => new(
        TimeSpan.FromMilliseconds(settings.ReconnectMinDelayMilliseconds),
        TimeSpan.FromMilliseconds(settings.ReconnectMaxDelayMilliseconds),
        new Random());

    public TimeSpan Next()
    {
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30)));
        _failures++;
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (random.NextDouble() * 0.5)));
    }

    public void Reset() => _failures = 0;
}
