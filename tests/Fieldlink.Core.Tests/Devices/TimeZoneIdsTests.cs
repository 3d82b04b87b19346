using Fieldlink.Core.Devices;

namespace Fieldlink.Core.Tests.Devices;

public sealed class TimeZoneIdsTests
{
    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData(" europe/berlin ", "Europe/Berlin")]
    [InlineData("UTC", "UTC")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Eastern Standard Time", "America/New_York")]
    [InlineData("Tokyo Standard Time", "Asia/Tokyo")]
    public void TryNormalize_accepts_IANA_and_Windows_ids_and_returns_IANA(string given, string expected)
    {
        Assert.True(TimeZoneIds.TryNormalize(given, out var iana));
        Assert.Equal(expected, iana);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("GMT+25")]
    [InlineData("Berlin")]
    public void TryNormalize_refuses_what_is_no_time_zone(string given)
    {
        Assert.False(TimeZoneIds.TryNormalize(given, out _));
    }
}
