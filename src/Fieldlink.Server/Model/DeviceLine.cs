using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>A device as its customer asset's page lists it.</summary>
public sealed record DeviceLine(Guid Id, string Name, string DeviceId, RegistrationStatus Registration, ConnectionState Connection, DateTimeOffset? LastActivityAt);
