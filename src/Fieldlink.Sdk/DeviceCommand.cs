using System.Text.Json.Nodes;

namespace Fieldlink.Sdk;

/// <summary>A command to a device.</summary>
/// <param name="CommandId">Fieldlink's id of the command; the same on every attempt, so a system can drop repeats.</param>
/// <param name="Device">The device.</param>
/// <param name="Name">The command's name, e.g. "Set Values".</param>
/// <param name="Parameters">The command's parameters, e.g. <c>{"Reading": {"Temperature": "30"}}</c>.</param>
/// <param name="ExpiresAt">When the command stops being worth carrying out, if ever.</param>
public sealed record DeviceCommand(Guid CommandId, DeviceRef Device, string Name, JsonObject Parameters, DateTimeOffset? ExpiresAt)
{
    private readonly JsonObject? _message;

    /// <summary>
    /// The command as the device receives it, named by the IoT settings' command name and parameters property names:
    /// by default <c>{"CommandName": "Set Values", "Parameters": {...}}</c>. A connector that forwards a message to the
    /// device as it is sends this. Default: built from <see cref="Name"/> and <see cref="Parameters"/> with the default names.
    /// </summary>
    public JsonObject Message
    {
        get => _message ?? new JsonObject { ["CommandName"] = Name, [nameof(Parameters)] = Parameters.DeepClone() };
        init => _message = value;
    }
}
