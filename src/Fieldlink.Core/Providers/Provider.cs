using Fieldlink.Core.Data;

namespace Fieldlink.Core.Providers;

/// <summary>A kind of IoT system ("Acme Cloud", "Azure IoT Hub"), naming the connector that talks to it.</summary>
public sealed class Provider : Entity
{
    public const int NameMaxLength = 200;

    public required string Name { get; set; }

    /// <summary>The key of the connector that implements this provider's actions, e.g. <c>simulator</c> or <c>mqtt</c>.</summary>
    public required string Connector { get; set; }

    public string? Description { get; set; }
}
