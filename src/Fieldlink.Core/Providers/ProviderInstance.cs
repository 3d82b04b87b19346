using Fieldlink.Core.Data;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Providers;

/// <summary>One deployment of a provider (one IoT hub, one broker, one vendor tenant) with its connection settings.</summary>
public sealed class ProviderInstance : Entity
{
    public Guid ProviderId { get; set; }

    public required string Name { get; set; }

    /// <summary>The instance's id in its source system, e.g. the IoT hub's name.</summary>
    public string? InstanceId { get; set; }

    public string? Url { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The connector settings as a JSON object; fields the connector marks secret are never returned.</summary>
    public string Settings { get; set; } = "{}";

    /// <summary>
    /// Not stored: the combined connection state, filled only by <see cref="Connections.InstanceConnectionStates.WithConnectionState"/>,
    /// computed in the query so a list can filter and order by it (<c>$filter=connectionState eq 'Disconnected'</c>).
    /// </summary>
    public InstanceConnectionState ConnectionState { get; set; }
}
