using System.Text.Json.Nodes;

namespace Fieldlink.Sdk;

/// <summary>Custom actions, named in <see cref="Connector.CustomActions"/>, with JSON in and out.</summary>
public interface ICustomActions
{
    /// <summary>Runs a custom action on a device.</summary>
    /// <param name="name">One of <see cref="Connector.CustomActions"/>.</param>
    /// <param name="device">The device.</param>
    /// <param name="input">The action's JSON input, or null.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>The action's JSON output, or null.</returns>
    Task<JsonNode?> InvokeCustomActionAsync(string name, DeviceRef device, JsonNode? input, CancellationToken cancellationToken);
}
