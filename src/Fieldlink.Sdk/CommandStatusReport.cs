using System.Text.Json.Nodes;

namespace Fieldlink.Sdk;

/// <summary>How a command went on, reported through <see cref="IConnectorSink.ReportCommandStatusAsync"/>.</summary>
/// <param name="CommandId">The command's <see cref="DeviceCommand.CommandId"/>.</param>
/// <param name="Status">Delivered, Succeeded, Failed or TimedOut.</param>
/// <param name="Response">What the device answered, if anything.</param>
/// <param name="Error">Why it failed, if it did.</param>
/// <param name="At">When it happened; null for now.</param>
public sealed record CommandStatusReport(Guid CommandId, CommandStatus Status, JsonNode? Response = null, string? Error = null, DateTimeOffset? At = null);
