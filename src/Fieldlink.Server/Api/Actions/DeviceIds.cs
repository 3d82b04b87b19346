namespace Fieldlink.Server.Api.Actions;

/// <summary>The body of a batch action: the Fieldlink ids of the devices.</summary>
public sealed record DeviceIds(IReadOnlyList<Guid>? Ids);
