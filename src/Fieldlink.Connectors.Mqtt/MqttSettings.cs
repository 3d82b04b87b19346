using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fieldlink.Connectors.Mqtt.Internal;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>
/// The settings of one MQTT provider instance: the broker, the session, and the topics (JSON names in camelCase:
/// <c>host</c>, <c>port</c>, <c>telemetryTopic</c>, ...). A topic template names the device's level <c>{deviceId}</c>
/// and, for commands, the command's level <c>{commandId}</c>; each stands for one whole topic level.
/// </summary>
public sealed class MqttSettings : IValidatableObject
{
    /// <summary>The broker's host name or address. Default: localhost.</summary>
    [Description("The broker's host name or address.")]
    [Required]
    [MaxLength(253)]
    public string Host { get; set; } = "localhost";

    /// <summary>The broker's TCP port. Default: 1883.</summary>
    [Description("The broker's TCP port.")]
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The MQTT protocol version: <c>5</c> or <c>3.1.1</c>. Shared subscriptions need 5. Default: 5.</summary>
    [Description("The MQTT protocol version: \"5\" or \"3.1.1\". Shared subscriptions need 5.")]
    public string MqttVersion { get; set; } = "5";

    /// <summary>Whether to connect over TLS. Default: false.</summary>
    [Description("Whether to connect to the broker over TLS.")]
    public bool UseTls { get; set; }

    /// <summary>With TLS: the PEM certificate of the CA that signed the broker's certificate; none trusts the system's CAs. Default: none.</summary>
    [Description("With TLS: the PEM certificate of the CA that signed the broker's certificate; none trusts the system's CAs.")]
    [DataType(DataType.MultilineText)]
    public string? CaCertificate { get; set; }

    /// <summary>With TLS: the PEM client certificate Fieldlink presents, with <see cref="ClientKey"/>. Default: none.</summary>
    [Description("With TLS: the PEM client certificate Fieldlink presents, with clientKey.")]
    [DataType(DataType.MultilineText)]
    public string? ClientCertificate { get; set; }

    /// <summary>With TLS: the PEM private key of <see cref="ClientCertificate"/>; write-only. Default: none.</summary>
    [Description("With TLS: the PEM private key of clientCertificate; write-only.")]
    [Secret]
    [DataType(DataType.MultilineText)]
    public string? ClientKey { get; set; }

    /// <summary>The user name to connect with. Default: none (anonymous).</summary>
    [Description("The user name to connect with; none connects anonymously.")]
    public string? Username { get; set; }

    /// <summary>The password to connect with; write-only. Default: none.</summary>
    [Description("The password to connect with; write-only.")]
    [Secret]
    public string? Password { get; set; }

    /// <summary>
    /// The MQTT client id's stem; each Fieldlink process appends <c>-{node}</c> (configuration <c>Mqtt:Node</c>,
    /// default the machine name), so the id is fixed across restarts of a process and differs between processes.
    /// Default: <c>fieldlink-</c> and the first 12 hex digits of the provider instance's id.
    /// </summary>
    [Description("The MQTT client id's stem; each Fieldlink process appends -{node}. None uses fieldlink- and the first 12 hex digits of the provider instance's id.")]
    [MaxLength(100)]
    public string? ClientId { get; set; }

    /// <summary>
    /// Whether the broker keeps Fieldlink's session (clean session off): QoS 1 and 2 messages published while
    /// Fieldlink is away are delivered when it is back. Default: true.
    /// </summary>
    [Description("Whether the broker keeps Fieldlink's session (clean session off), so QoS 1 and 2 messages published while Fieldlink is away are delivered when it is back.")]
    public bool PersistentSession { get; set; } = true;

    /// <summary>With MQTT 5 and a persistent session: how long the broker keeps the session after Fieldlink goes away, in seconds. Default: 86,400 (a day).</summary>
    [Description("With MQTT 5 and a persistent session: how long, in seconds, the broker keeps the session after Fieldlink goes away.")]
    [Range(1, 4_294_967_294L)]
    public long SessionExpirySeconds { get; set; } = 86_400;

    /// <summary>The QoS Fieldlink subscribes and publishes with: 0, 1 or 2. Default: 1.</summary>
    [Description("The QoS Fieldlink subscribes and publishes with: 0, 1 or 2.")]
    [Range(0, 2)]
    public int Qos { get; set; } = 1;

    /// <summary>
    /// With MQTT 5: the shared subscription group (<c>$share/{group}/...</c>) for telemetry, alerts and command acks, so
    /// the Fieldlink processes serving this provider instance split the stream; empty turns sharing off. Default: none,
    /// which is <c>fieldlink-</c> and the first 12 hex digits of the provider instance's id, so two provider instances on
    /// one broker never split each other's messages.
    /// </summary>
    [Description("With MQTT 5: the shared subscription group ($share/{group}/...) that splits the stream between Fieldlink processes; empty turns sharing off. None uses fieldlink- and the first 12 hex digits of the provider instance's id.")]
    [MaxLength(100)]
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>Where devices publish readings: <c>{"ts"?, "&lt;measure&gt;": number, ...}</c>. Default: devices/{deviceId}/telemetry.</summary>
    [Description("Where devices publish readings ({\"ts\"?, \"<measure>\": number, ...}); {deviceId} stands for the device's topic level.")]
    public string TelemetryTopic { get; set; } = "devices/{deviceId}/telemetry";

    /// <summary>Where devices publish alerts, shaped as in the ingestion API. Default: devices/{deviceId}/alerts.</summary>
    [Description("Where devices publish alerts, shaped as in the ingestion API; {deviceId} stands for the device's topic level.")]
    public string AlertsTopic { get; set; } = "devices/{deviceId}/alerts";

    /// <summary>Where devices publish their reported properties (a JSON object, retained). Default: devices/{deviceId}/reported.</summary>
    [Description("Where devices publish their reported properties (a retained JSON object); {deviceId} stands for the device's topic level.")]
    public string ReportedTopic { get; set; } = "devices/{deviceId}/reported";

    /// <summary>Where devices publish <c>online</c> / <c>offline</c> (retained; a device's Last Will). Default: devices/{deviceId}/status.</summary>
    [Description("Where devices publish online / offline (retained; a device's Last Will); {deviceId} stands for the device's topic level.")]
    public string StatusTopic { get; set; } = "devices/{deviceId}/status";

    /// <summary>Where Fieldlink publishes a command; the device's answer goes to this topic with <c>/ack</c> appended. Default: devices/{deviceId}/commands/{commandId}.</summary>
    [Description("Where Fieldlink publishes a command ({deviceId} and {commandId} each stand for a topic level); the device answers on this topic with /ack appended.")]
    public string CommandTopic { get; set; } = "devices/{deviceId}/commands/{commandId}";

    /// <summary>Where registering a device publishes its retained configuration. Default: devices/{deviceId}/config.</summary>
    [Description("Where registering a device publishes its retained configuration; {deviceId} stands for the device's topic level.")]
    public string ConfigTopic { get; set; } = "devices/{deviceId}/config";

    /// <summary>The first wait before reconnecting after the broker is lost, in milliseconds; it doubles up to <see cref="ReconnectMaxDelayMilliseconds"/>, with jitter. Default: 500.</summary>
    [Description("The first wait, in milliseconds, before reconnecting after the broker is lost; it doubles up to reconnectMaxDelayMilliseconds, with jitter.")]
    [Range(10, 600_000)]
    public int ReconnectMinDelayMilliseconds { get; set; } = 500;

    /// <summary>The longest wait between reconnection attempts, in milliseconds. Default: 30,000.</summary>
    [Description("The longest wait, in milliseconds, between reconnection attempts.")]
    [Range(10, 3_600_000)]
    public int ReconnectMaxDelayMilliseconds { get; set; } = 30_000;

    /// <summary>
    /// The most received messages stored in one write. Default: 1,000, as many reports as an HTTP ingestion request
    /// takes: a write costs the same round trips whatever its size, so while a backlog waits, bigger writes store it
    /// faster (the suite's <c>telemetry-mqtt</c> went from 0.30–0.36 to 0.48–0.59 of a bare subscriber at load 15 to 29
    /// with 1,000 instead of 500); when messages come slower than they are stored, a write holds what has arrived.
    /// </summary>
    [Description("The most received messages stored in one write.")]
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MqttVersion is not ("5" or "3.1.1"))
        {
            yield return new ValidationResult("The MQTT version is \"5\" or \"3.1.1\".", [nameof(MqttVersion)]);
        }

        if (ReconnectMaxDelayMilliseconds < ReconnectMinDelayMilliseconds)
        {
            yield return new ValidationResult("The longest reconnect delay is at least the first one.", [nameof(ReconnectMaxDelayMilliseconds)]);
        }

        if (ClientCertificate is null != ClientKey is null)
        {
            yield return new ValidationResult("A client certificate needs its key, and a key its certificate.", [nameof(ClientCertificate), nameof(ClientKey)]);
        }

        foreach (var (name, template, levels) in Topics())
        {
            if (TopicTemplate.Check(template, levels) is { } problem)
            {
                yield return new ValidationResult(problem, [name]);
            }
        }
    }

    private IEnumerable<(string Name, string Template, string[] Levels)> Topics() =>
    [
        (nameof(TelemetryTopic), TelemetryTopic, [TopicTemplate.DeviceId]),
        (nameof(AlertsTopic), AlertsTopic, [TopicTemplate.DeviceId]),
        (nameof(ReportedTopic), ReportedTopic, [TopicTemplate.DeviceId]),
        (nameof(StatusTopic), StatusTopic, [TopicTemplate.DeviceId]),
        (nameof(CommandTopic), CommandTopic, [TopicTemplate.DeviceId, TopicTemplate.CommandId]),
        (nameof(ConfigTopic), ConfigTopic, [TopicTemplate.DeviceId]),
    ];
}
