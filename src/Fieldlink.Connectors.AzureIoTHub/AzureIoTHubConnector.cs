using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>
/// Azure IoT Hub, the reference system's own provider: device identities, twins and direct methods over the hub's
/// service REST API (authenticated with SAS tokens made from a shared access policy), and telemetry, alerts and device
/// connection events pushed by Event Grid to Fieldlink's ingest endpoint. docs/connectors/azure-iot-hub.md says how
/// to set up the hub.
/// </summary>
public sealed class AzureIoTHubConnector : Connector<AzureIoTHubSettings, AzureIoTHubInstance>
{
    public const string ConnectorKey = "azure-iot-hub";

    public override string Key => ConnectorKey;

    public override string DisplayName => "Azure IoT Hub";

    public override string? Description =>
        "An Azure IoT hub: registers device identities, pulls device twins, sends direct methods or desired properties, and takes telemetry and device events from Event Grid.";

    protected override AzureIoTHubInstance Open(AzureIoTHubSettings settings, ConnectorContext context) => new(settings, context);
}
