using Fieldlink.Sdk;
using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

/// <summary>A customer asset's registration status, from its devices'.</summary>
public sealed class AssetRegistrationTests
{
    [Theory]
    [InlineData(new[] { RegistrationStatus.Registered, RegistrationStatus.Registered }, RegistrationStatus.Registered, "Registered, 2 of 2 devices")]
    [InlineData(new[] { RegistrationStatus.Registered, RegistrationStatus.Error, RegistrationStatus.InProgress }, RegistrationStatus.Error, "Error, 1 of 3 devices")]
    [InlineData(new[] { RegistrationStatus.Registered, RegistrationStatus.InProgress }, RegistrationStatus.InProgress, "InProgress, 1 of 2 devices")]
    [InlineData(new[] { RegistrationStatus.Registered, RegistrationStatus.Unregistered, RegistrationStatus.Unknown }, RegistrationStatus.Unregistered, "Unregistered, 1 of 3 devices")]
    [InlineData(new[] { RegistrationStatus.Unknown }, RegistrationStatus.Unknown, "Unknown, 0 of 1 device")]
    public void Comes_from_the_devices_the_worst_first(RegistrationStatus[] devices, RegistrationStatus expected, string words)
    {
        var registration = AssetRegistration.Of(devices);

        Assert.Equal(expected, registration.Status);
        Assert.Equal(words, registration.ToString());
    }

    [Fact]
    public void An_asset_without_devices_has_none()
    {
        var registration = AssetRegistration.Of([]);

        Assert.Null(registration.Status);
        Assert.Equal("No devices", registration.ToString());
    }
}
