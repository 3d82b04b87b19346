using Fieldlink.Core.Fleet;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>
/// Azure IoT Hub, the reference system's own provider: device identities, twins and direct methods over the hub's
/// service REST API (authenticated with SAS tokens made from a shared access policy), and telemetry, alerts and device
/// connection events pushed by Event Grid to Fieldlink's ingest endpoint or read from the hub's Event Hubs-compatible
/// endpoint (checkpoints in Fieldlink's store). docs/connectors/azure-iot-hub.md says how to set up the hub.
/// </summary>
public sealed class AzureIoTHubConnector : Connector<AzureIoTHubSettings, AzureIoTHubInstance>
{
    private readonly IServiceScopeFactory? _scopes;
    private readonly string _nodeName = Environment.MachineName;

    /// <summary>A connector without a store: its instances take telemetry by Event Grid only (tests, tools).</summary>
    public AzureIoTHubConnector()
    {
    }

    /// <summary>The connector in Fieldlink: Event Hubs checkpoints in the store, partitions owned under this process's node name.</summary>
    public AzureIoTHubConnector(IServiceScopeFactory scopes, ThisNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _scopes = scopes;
        _nodeName = node.Name;
    }

    public const string ConnectorKey = "azure-iot-hub";

    public override string Key => ConnectorKey;

    public override string DisplayName => "Azure IoT Hub";

    public override string? Description =>
        "An Azure IoT hub: registers device identities, pulls device twins, sends direct methods or desired properties, and takes telemetry and device events from Event Grid or the hub's Event Hubs-compatible endpoint.";

    protected override AzureIoTHubInstance Open(AzureIoTHubSettings settings, ConnectorContext context) =>
        new(settings, context, _scopes, _nodeName);
}
