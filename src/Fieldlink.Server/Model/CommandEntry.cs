using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>A command as its customer asset's page lists it: when it was queued, to which device, and how it stands.</summary>
public sealed record CommandEntry(Guid Id, DateTimeOffset QueuedAt, string Name, Guid DeviceRecordId, string Device, CommandStatus Status, string? Error);
