using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Azure.Messaging.EventHubs;
using Fieldlink.Connectors.AzureIoTHub.Internal;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>
/// The settings of an Azure IoT Hub provider instance. The hub is named either by its service connection string or by
/// <see cref="HostName"/>, <see cref="SharedAccessKeyName"/> and <see cref="SharedAccessKey"/>; one of the two, checked
/// when the instance is saved, with the field at fault named.
/// </summary>
public sealed class AzureIoTHubSettings : IValidatableObject
{
    /// <summary>
    /// The connection string of a shared access policy with the registry read, registry write and service connect
    /// permissions: <c>HostName=…;SharedAccessKeyName=…;SharedAccessKey=…</c>. Write-only. Default: none (then the three
    /// settings below are required).
    /// </summary>
    [Description("The connection string of a shared access policy with registry read, registry write and service connect (HostName=…;SharedAccessKeyName=…;SharedAccessKey=…); write-only. Or leave it empty and give hostName, sharedAccessKeyName and sharedAccessKey.")]
    [MaxLength(1024)]
    [Secret]
    public string? ConnectionString { get; set; }

    /// <summary>The hub's host name, e.g. <c>contoso-hub.azure-devices.net</c>, when no connection string is given. Default: none.</summary>
    [Description("The hub's host name, e.g. contoso-hub.azure-devices.net, when no connectionString is given.")]
    [MaxLength(253)]
    public string? HostName { get; set; }

    /// <summary>The shared access policy's name, e.g. <c>fieldlink</c>, when no connection string is given. Default: none.</summary>
    [Description("The shared access policy's name, e.g. fieldlink, when no connectionString is given.")]
    [MaxLength(256)]
    public string? SharedAccessKeyName { get; set; }

    /// <summary>The shared access policy's primary or secondary key (base64), when no connection string is given. Write-only. Default: none.</summary>
    [Description("The shared access policy's primary or secondary key (base64), when no connectionString is given; write-only.")]
    [MaxLength(256)]
    [Secret]
    public string? SharedAccessKey { get; set; }

    /// <summary>Where telemetry, alerts and device events come from. Default: EventGrid.</summary>
    [Description("Where telemetry, alerts and device events come from: EventGrid (the hub's Event Grid subscription posts to Fieldlink) or EventHubs (Fieldlink reads the hub's built-in Event Hubs-compatible endpoint).")]
    public TelemetrySource TelemetrySource { get; set; } = TelemetrySource.EventGrid;

    /// <summary>
    /// The secret Event Grid adds to the ingest URL as <c>?code=…</c>: Fieldlink takes an Event Grid delivery for this
    /// instance only with it. Required, at least 24 characters, when <see cref="TelemetrySource"/> is EventGrid; write-only.
    /// </summary>
    [Description("The secret the Event Grid subscription's endpoint carries as ?code=… (at least 24 characters), required with telemetrySource EventGrid; write-only.")]
    [MinLength(24)]
    [MaxLength(256)]
    [Secret]
    public string? EventGridSecret { get; set; }

    /// <summary>
    /// The connection string of the hub's built-in Event Hubs-compatible endpoint (Azure portal: the hub's Built-in
    /// endpoints), <c>Endpoint=sb://…/;SharedAccessKeyName=…;SharedAccessKey=…;EntityPath=…</c>, whose policy has the
    /// service connect permission. Required when <see cref="TelemetrySource"/> is EventHubs; write-only. Default: none.
    /// </summary>
    [Description("The hub's Event Hubs-compatible endpoint (Built-in endpoints): Endpoint=sb://…/;SharedAccessKeyName=…;SharedAccessKey=…;EntityPath=…; required with telemetrySource EventHubs; write-only.")]
    [MaxLength(1024)]
    [Secret]
    public string? EventHubsConnectionString { get; set; }

    /// <summary>
    /// The consumer group Fieldlink reads the Event Hubs-compatible endpoint through. Give Fieldlink its own (made on
    /// the hub's Built-in endpoints page): another reader on the same group takes partitions from Fieldlink's processes.
    /// Default: <c>$Default</c>.
    /// </summary>
    [Description("The consumer group Fieldlink reads the Event Hubs-compatible endpoint through; give Fieldlink its own.")]
    [MaxLength(50)]
    public string EventHubsConsumerGroup { get; set; } = "$Default";

    /// <summary>At most how many events a partition's batch holds: one store write and one checkpoint each. Default: 100.</summary>
    [Description("At most how many events of a partition are stored and checkpointed together (1 to 1000).")]
    [Range(1, 1000)]
    public int EventHubsBatchSize { get; set; } = 100;

    /// <summary>How commands reach devices, unless named in <see cref="DesiredPropertyCommands"/>. Default: DirectMethod.</summary>
    [Description("How commands reach devices: DirectMethod (the device answers at once) or DesiredProperties (a twin patch the device reports back).")]
    public CommandDelivery CommandDelivery { get; set; } = CommandDelivery.DirectMethod;

    /// <summary>
    /// The names of commands sent as desired-property patches whatever <see cref="CommandDelivery"/> says, e.g.
    /// <c>["Set Values"]</c>. Default: none.
    /// </summary>
    [Description("Names of commands always sent as desired-property patches, e.g. [\"Set Values\"].")]
    public IReadOnlyList<string> DesiredPropertyCommands { get; set; } = [];

    /// <summary>How long the hub waits for the device to answer a direct method, in seconds (the hub allows 5 to 300). Default: 30.</summary>
    [Description("How long, in seconds, the hub waits for the device to answer a direct method (5 to 300).")]
    [Range(5, 300)]
    public int MethodResponseTimeoutSeconds { get; set; } = 30;

    /// <summary>How long the hub waits for an offline device to connect before giving up a direct method, in seconds (0 to 300; 0 fails at once). Default: 0.</summary>
    [Description("How long, in seconds, the hub waits for an offline device to connect before a direct method fails (0 to 300; 0 fails at once).")]
    [Range(0, 300)]
    public int MethodConnectTimeoutSeconds { get; set; }

    /// <summary>
    /// The reported properties of the twin Fieldlink keeps as the device's reported properties (top-level names).
    /// Default: none, which keeps them all but the hub's own <c>$metadata</c> and <c>$version</c>.
    /// </summary>
    [Description("The twin's reported properties Fieldlink keeps (top-level names); empty keeps them all.")]
    public IReadOnlyList<string> ReportedProperties { get; set; } = [];

    /// <summary>
    /// The application property that makes a telemetry message an alert: its value is the alert's description (or,
    /// when it is <c>true</c>, the message's <c>description</c> field). Default: <c>fieldlink-alert</c>.
    /// </summary>
    [Description("The application property that makes a telemetry message an alert; its value is the alert's description.")]
    [Required]
    [MaxLength(128)]
    public string AlertProperty { get; set; } = "fieldlink-alert";

    /// <summary>How often pending desired-property commands are checked against the twin's reported properties, in seconds. Default: 30.</summary>
    [Description("How often, in seconds, desired-property commands are checked for the device reporting them back.")]
    [Range(5, 3600)]
    public int ReportedBackCheckSeconds { get; set; } = 30;

    /// <summary>
    /// Where the hub's REST API is reached: a private endpoint or a proxy in front of the hub. Default: none, which is
    /// <c>https://{hostName}</c>. SAS tokens are always made for the host name.
    /// </summary>
    [Description("Where the hub's REST API is reached (a private endpoint or proxy); empty is https://{hostName}.")]
    [Url]
    public string? ServiceUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in ValidateTelemetrySource())
        {
            yield return problem;
        }

        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            if (HostName is { Length: > 0 } || SharedAccessKeyName is { Length: > 0 } || SharedAccessKey is { Length: > 0 })
            {
                yield return new ValidationResult(
                    "Give either connectionString or hostName, sharedAccessKeyName and sharedAccessKey, not both.", [nameof(ConnectionString)]);
                yield break;
            }

            if (!IoTHubCredentials.TryParse(ConnectionString, out _, out var problem))
            {
                yield return new ValidationResult(problem, [nameof(ConnectionString)]);
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(HostName))
        {
            yield return new ValidationResult("Give connectionString, or hostName with sharedAccessKeyName and sharedAccessKey.", [nameof(HostName)]);
        }
        else if (IoTHubCredentials.CheckHostName(HostName) is { } badHost)
        {
            yield return new ValidationResult(badHost, [nameof(HostName)]);
        }

        if (string.IsNullOrWhiteSpace(SharedAccessKeyName))
        {
            yield return new ValidationResult("The shared access policy's name is required without a connectionString.", [nameof(SharedAccessKeyName)]);
        }

        if (string.IsNullOrWhiteSpace(SharedAccessKey))
        {
            yield return new ValidationResult("The shared access policy's key is required without a connectionString.", [nameof(SharedAccessKey)]);
        }
        else if (IoTHubCredentials.CheckKey(SharedAccessKey) is { } badKey)
        {
            yield return new ValidationResult(badKey, [nameof(SharedAccessKey)]);
        }
    }

    /// <summary>The Event Hubs-compatible endpoint's parts; call on validated settings with <see cref="TelemetrySource"/> EventHubs.</summary>
    internal EventHubsConnectionStringProperties EventHubsEndpoint() => EventHubsConnectionStringProperties.Parse(EventHubsConnectionString!.Trim());

    private IEnumerable<ValidationResult> ValidateTelemetrySource()
    {
        if (TelemetrySource == TelemetrySource.EventGrid && string.IsNullOrWhiteSpace(EventGridSecret))
        {
            yield return new ValidationResult("With telemetrySource EventGrid, give the secret the Event Grid subscription's endpoint carries as ?code= (at least 24 characters).", [nameof(EventGridSecret)]);
        }

        if (TelemetrySource != TelemetrySource.EventHubs)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(EventHubsConsumerGroup))
        {
            yield return new ValidationResult("Give the consumer group to read through, e.g. $Default or one made for Fieldlink.", [nameof(EventHubsConsumerGroup)]);
        }

        if (EventHubsEndpointProblem(EventHubsConnectionString) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(EventHubsConnectionString)]);
        }
    }

    /// <summary>What is wrong with an Event Hubs-compatible endpoint's connection string, in words that say where the right one is; null when it is usable.</summary>
    internal static string? EventHubsEndpointProblem(string? connectionString)
    {
        const string WhereToFindIt = "copy the Event Hub-compatible endpoint from the hub's Built-in endpoints page (Endpoint=sb://…/;SharedAccessKeyName=…;SharedAccessKey=…;EntityPath=…)";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"With telemetrySource EventHubs, {WhereToFindIt}.";
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Has(string key) => parts.Any(p => p.StartsWith(key + "=", StringComparison.OrdinalIgnoreCase));
        if (Has("HostName") && !Has("Endpoint"))
        {
            return $"This is the hub's service connection string (HostName=…), not its Event Hubs-compatible endpoint: {WhereToFindIt}.";
        }

        EventHubsConnectionStringProperties properties;
        try
        {
            properties = EventHubsConnectionStringProperties.Parse(connectionString.Trim());
        }
        catch (FormatException ex)
        {
            return $"Not an Event Hubs connection string ({ex.Message}): {WhereToFindIt}.";
        }

        if (properties.Endpoint is null)
        {
            return $"It has no Endpoint=sb://…/: {WhereToFindIt}.";
        }

        if (string.IsNullOrEmpty(properties.EventHubName))
        {
            return $"It has no EntityPath=… (the Event Hub-compatible name): {WhereToFindIt}.";
        }

        if (string.IsNullOrEmpty(properties.SharedAccessSignature) && (string.IsNullOrEmpty(properties.SharedAccessKeyName) || string.IsNullOrEmpty(properties.SharedAccessKey)))
        {
            return $"It has no SharedAccessKeyName and SharedAccessKey: {WhereToFindIt}.";
        }

        return null;
    }

    /// <summary>The hub's host, policy and key, from the connection string or the three settings; call on validated settings.</summary>
    internal IoTHubCredentials Credentials() =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? IoTHubCredentials.TryParse(ConnectionString, out var parsed, out var problem) ? parsed! : throw new ConnectorException(problem!, isTransient: false)
            : new IoTHubCredentials(HostName!.Trim(), SharedAccessKeyName!.Trim(), SharedAccessKey!.Trim());
}
