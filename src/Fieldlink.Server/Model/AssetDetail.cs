using Fieldlink.Core.Assets;

namespace Fieldlink.Server.Model;

/// <summary>
/// A customer asset's page: its fields and account, how its devices stand, its rollups, its newest parent alerts and the
/// newest commands sent to it or its devices (with how many there are in all).
/// </summary>
public sealed record AssetDetail(
    CustomerAsset Asset,
    string? Account,
    AssetRegistration Registration,
    IReadOnlyList<DeviceLine> Devices,
    IReadOnlyList<AlertLine> Alerts,
    long AlertTotal,
    IReadOnlyList<CommandEntry> Commands,
    long CommandTotal)
{
    /// <summary>The reference's "last command sent" rollup: when the newest command was queued.</summary>
    public DateTimeOffset? LastCommandAt => Commands.Count == 0 ? null : Commands[0].QueuedAt;
}
