namespace Fieldlink.Server.Model;

/// <summary>Where a command goes: one device, a selection of devices, or every device of a customer asset.</summary>
/// <param name="DeviceIds">The devices; empty when <paramref name="CustomerAssetId"/> is given.</param>
/// <param name="CustomerAssetId">The customer asset whose devices all get the command, or null.</param>
public sealed record CommandTarget(IReadOnlyList<Guid> DeviceIds, Guid? CustomerAssetId = null)
{
    public static CommandTarget Device(Guid deviceId) => new([deviceId]);

    public static CommandTarget Devices(IReadOnlyList<Guid> deviceIds) => new(deviceIds);

    public static CommandTarget Asset(Guid customerAssetId) => new([], customerAssetId);
}
