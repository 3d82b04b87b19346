using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Connectors.AzureIoTHub.Tests;

/// <summary>The settings are checked as Fieldlink checks them on save (data annotations, then the settings' own rules), naming the field at fault.</summary>
public sealed class AzureIoTHubSettingsTests
{
    private const string Secret = "event-grid-secret-0123456789";
    private static readonly string Key = FakeIoTHub.PolicyKey;

    [Fact]
    public void A_service_connection_string_is_taken_and_gives_the_host_policy_and_key()
    {
        var settings = new AzureIoTHubSettings { ConnectionString = $"HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey={Key}", EventGridSecret = Secret };

        Assert.Empty(Errors(settings));
        var credentials = settings.Credentials();
        Assert.Equal(("contoso-hub.azure-devices.net", "fieldlink", Key), (credentials.HostName, credentials.KeyName, credentials.Key));
        Assert.DoesNotContain(Key, credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Host_policy_and_key_are_taken_instead_of_a_connection_string()
    {
        Assert.Empty(Errors(new AzureIoTHubSettings { HostName = "contoso-hub.azure-devices.net", SharedAccessKeyName = "fieldlink", SharedAccessKey = Key, EventGridSecret = Secret }));
    }

    [Theory]
    [InlineData("HostName=contoso-hub.azure-devices.net;DeviceId=pump-7;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "device's connection string")]
    [InlineData("HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink", "needs HostName, SharedAccessKeyName and SharedAccessKey")]
    [InlineData("HostName=https://contoso-hub.azure-devices.net/;SharedAccessKeyName=fieldlink;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "not a host name")]
    [InlineData("HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey=not-base64!", "base64")]
    [InlineData("just text", "name=value pairs")]
    public void A_connection_string_that_cannot_be_a_policy_s_is_refused_naming_connectionString(string connectionString, string why)
    {
        var error = Assert.Single(Errors(new AzureIoTHubSettings { ConnectionString = connectionString, EventGridSecret = Secret }));

        Assert.Equal(nameof(AzureIoTHubSettings.ConnectionString), Assert.Single(error.MemberNames));
        Assert.Contains(why, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_connection_string_each_missing_part_is_named()
    {
        var errors = Errors(new AzureIoTHubSettings { EventGridSecret = Secret });

        Assert.Equal(
            [nameof(AzureIoTHubSettings.HostName), nameof(AzureIoTHubSettings.SharedAccessKey), nameof(AzureIoTHubSettings.SharedAccessKeyName)],
            errors.Select(e => e.MemberNames.Single()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Both_a_connection_string_and_its_parts_are_refused_naming_connectionString()
    {
        var error = Assert.Single(Errors(new AzureIoTHubSettings
        {
            ConnectionString = $"HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey={Key}",
            HostName = "other-hub.azure-devices.net",
            EventGridSecret = Secret,
        }));

        Assert.Equal(nameof(AzureIoTHubSettings.ConnectionString), Assert.Single(error.MemberNames));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(301)]
    public void A_direct_method_timeout_outside_the_hub_s_5_to_300_seconds_is_refused(int seconds)
    {
        var error = Assert.Single(Errors(new AzureIoTHubSettings
        {
            ConnectionString = $"HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey={Key}",
            EventGridSecret = Secret,
            MethodResponseTimeoutSeconds = seconds,
        }));

        Assert.Equal(nameof(AzureIoTHubSettings.MethodResponseTimeoutSeconds), Assert.Single(error.MemberNames));
    }

    [Fact]
    public void A_short_Event_Grid_secret_is_refused()
    {
        var error = Assert.Single(Errors(new AzureIoTHubSettings { HostName = "contoso-hub.azure-devices.net", SharedAccessKeyName = "fieldlink", SharedAccessKey = Key, EventGridSecret = "short" }));

        Assert.Equal(nameof(AzureIoTHubSettings.EventGridSecret), Assert.Single(error.MemberNames));
    }

    [Fact]
    public void Telemetry_from_the_Event_Hubs_compatible_endpoint_is_taken_without_an_Event_Grid_secret_and_reads_through_Default()
    {
        var settings = new AzureIoTHubSettings
        {
            ConnectionString = $"HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey={Key}",
            TelemetrySource = TelemetrySource.EventHubs,
            EventHubsConnectionString = EventHubsEndpoint,
        };

        Assert.Empty(Errors(settings));
        Assert.Equal("$Default", settings.EventHubsConsumerGroup);
        Assert.Equal(("ihsuprodblres055dednamespace.servicebus.windows.net", "contoso-hub"), (settings.EventHubsEndpoint().FullyQualifiedNamespace, settings.EventHubsEndpoint().EventHubName));
    }

    [Theory]
    [InlineData(null, "copy the Event Hub-compatible endpoint")]
    [InlineData("HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=service;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "the hub's service connection string (HostName=…), not its Event Hubs-compatible endpoint")]
    [InlineData("Endpoint=sb://ihsuprodblres055dednamespace.servicebus.windows.net/;SharedAccessKeyName=service;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "no EntityPath")]
    [InlineData("Endpoint=sb://ihsuprodblres055dednamespace.servicebus.windows.net/;EntityPath=contoso-hub", "no SharedAccessKeyName and SharedAccessKey")]
    [InlineData("SharedAccessKeyName=service;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;EntityPath=contoso-hub", "Endpoint")]
    [InlineData("just text", "Not an Event Hubs connection string")]
    public void An_Event_Hubs_endpoint_that_cannot_be_read_is_refused_naming_eventHubsConnectionString(string? connectionString, string why)
    {
        var error = Assert.Single(Errors(new AzureIoTHubSettings
        {
            ConnectionString = $"HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey={Key}",
            TelemetrySource = TelemetrySource.EventHubs,
            EventHubsConnectionString = connectionString,
        }));

        Assert.Equal(nameof(AzureIoTHubSettings.EventHubsConnectionString), Assert.Single(error.MemberNames));
        Assert.Contains(why, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_consumer_group_is_refused_naming_eventHubsConsumerGroup()
    {
        var error = Assert.Single(Errors(new AzureIoTHubSettings
        {
            ConnectionString = $"HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey={Key}",
            TelemetrySource = TelemetrySource.EventHubs,
            EventHubsConnectionString = EventHubsEndpoint,
            EventHubsConsumerGroup = " ",
        }));

        Assert.Equal(nameof(AzureIoTHubSettings.EventHubsConsumerGroup), Assert.Single(error.MemberNames));
    }

    [Fact]
    public void Event_Grid_as_telemetry_source_needs_its_secret_naming_eventGridSecret()
    {
        var error = Assert.Single(Errors(new AzureIoTHubSettings { ConnectionString = $"HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=fieldlink;SharedAccessKey={Key}" }));

        Assert.Equal(nameof(AzureIoTHubSettings.EventGridSecret), Assert.Single(error.MemberNames));
    }

    private static string EventHubsEndpoint =>
        $"Endpoint=sb://ihsuprodblres055dednamespace.servicebus.windows.net/;SharedAccessKeyName=service;SharedAccessKey={Key};EntityPath=contoso-hub";

    private static List<ValidationResult> Errors(AzureIoTHubSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results;
    }
}
