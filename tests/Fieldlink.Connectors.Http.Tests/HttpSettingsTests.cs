using System.ComponentModel.DataAnnotations;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Connectors.Http.Tests;

/// <summary>The http connector's settings, as Fieldlink validates them, and its registration.</summary>
public sealed class HttpSettingsTests
{
    private const string Secret = "0123456789abcdef";

    [Fact]
    public void The_defaults_with_a_secret_are_valid()
    {
        var settings = new HttpSettings { SigningSecret = Secret };

        Assert.Empty(Validate(settings));
        Assert.Equal((HttpSignatureScheme.StandardWebhooks, "X-Signature", null, 15), (settings.SignatureScheme, settings.SignatureHeader, settings.CommandUrl, settings.CommandTimeoutSeconds));
    }

    [Fact]
    public void The_signing_secret_is_required_and_secret()
    {
        Assert.Contains(Validate(new HttpSettings()), e => e.MemberNames.Contains(nameof(HttpSettings.SigningSecret)));
        Assert.NotNull(typeof(HttpSettings).GetProperty(nameof(HttpSettings.SigningSecret))!.GetCustomAttributes(typeof(SecretAttribute), inherit: false).SingleOrDefault());
    }

    [Theory]
    [InlineData("0123456789abcde", 15, null, "X-Signature", "SigningSecret")]
    [InlineData(Secret, 0, null, "X-Signature", "CommandTimeoutSeconds")]
    [InlineData(Secret, 121, null, "X-Signature", "CommandTimeoutSeconds")]
    [InlineData(Secret, 15, "not a url", "X-Signature", "CommandUrl")]
    [InlineData(Secret, 15, null, null, "SignatureHeader")]
    public void A_bad_setting_is_named(string secret, int timeoutSeconds, string? commandUrl, string? header, string named)
    {
        var errors = Validate(new HttpSettings
        {
            SigningSecret = secret,
            CommandTimeoutSeconds = timeoutSeconds,
            CommandUrl = commandUrl,
            SignatureHeader = header ?? new string('X', 101),
        });

        Assert.Contains(errors, e => e.MemberNames.Contains(named));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(120)]
    public void The_command_timeout_bounds_are_valid(int seconds) =>
        Assert.Empty(Validate(new HttpSettings { SigningSecret = Secret, CommandTimeoutSeconds = seconds, CommandUrl = "https://vendor.example/commands" }));

    [Fact]
    public void AddHttpConnector_registers_the_http_connector_once()
    {
        var services = new ServiceCollection().AddHttpConnector().AddHttpConnector();

        var descriptor = Assert.Single(services, s => s.ServiceType == typeof(Connector));
        Assert.Equal(typeof(HttpConnector), descriptor.ImplementationType);
        var connector = new HttpConnector();
        Assert.Equal(("http", typeof(HttpSettings), typeof(HttpInstance)), (connector.Key, connector.SettingsType, connector.InstanceType));
    }

    private static List<ValidationResult> Validate(HttpSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results;
    }
}
