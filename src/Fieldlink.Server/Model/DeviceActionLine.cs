namespace Fieldlink.Server.Model;

/// <summary>What a register or pull did for one device: done (with what the provider said), or why not.</summary>
public sealed record DeviceActionLine(Guid DeviceId, string Device, bool Succeeded, string? Detail);
