using System.Text.Json.Nodes;

namespace Fieldlink.Sdk;

/// <summary>A command to a device.</summary>
/// <param name="CommandId">Fieldlink's id of the command; the same on every attempt, so a system can drop repeats.</param>
/// <param name="Device">The device.</param>
/// <param name="Name">The command's name, e.g. "Set Values".</param>
/// <param name="Parameters">The command's parameters, e.g. <c>{"Reading": {"Temperature": "30"}}</c>.</param>
/// <param name="ExpiresAt">When the command stops being worth carrying out, if ever.</param>
public sealed record DeviceCommand(Guid CommandId, DeviceRef Device, string Name, JsonObject Parameters, DateTimeOffset? ExpiresAt);
