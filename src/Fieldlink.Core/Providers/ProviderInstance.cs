using Fieldlink.Core.Data;

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
}
