using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
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

    /// <summary>
    /// The secret Event Grid adds to the ingest URL as <c>?code=…</c>: Fieldlink takes an Event Grid delivery for this
    /// instance only with it. Required, at least 24 characters; write-only.
    /// </summary>
    [Description("The secret the Event Grid subscription's endpoint carries as ?code=… (at least 24 characters); write-only.")]
    [Required]
    [MinLength(24)]
    [MaxLength(256)]
    [Secret]
    public string? EventGridSecret { get; set; }

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

    /// <summary>The hub's host, policy and key, from the connection string or the three settings; call on validated settings.</summary>
    internal IoTHubCredentials Credentials() =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? IoTHubCredentials.TryParse(ConnectionString, out var parsed, out var problem) ? parsed! : throw new ConnectorException(problem!, isTransient: false)
            : new IoTHubCredentials(HostName!.Trim(), SharedAccessKeyName!.Trim(), SharedAccessKey!.Trim());
}
