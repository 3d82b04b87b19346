namespace Fieldlink.Server.Tests.Crash;

/// <summary>A reading a crash test sent: the device's temperature at <see cref="Second"/> seconds into the test's window, of that value.</summary>
public sealed record SentReading(string DeviceId, int Second)
{
    public DateTimeOffset At(DateTimeOffset windowStart) => windowStart.AddSeconds(Second);
}
