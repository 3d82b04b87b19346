namespace Fieldlink.Server.Model;

/// <summary>
/// One row of the customer assets list: its fields, its account's name, how its devices stand with their providers, and
/// its rollups — how many of its parent alerts are not closed, when its latest alert came, when its last command went.
/// </summary>
public sealed record AssetRow(
    Guid Id,
    string Name,
    Guid? AccountId,
    string? Account,
    string? SerialNumber,
    string? Location,
    AssetRegistration Registration,
    int ActiveAlertCount,
    DateTimeOffset? LastAlertAt,
    DateTimeOffset? LastCommandAt)
{
    /// <summary>The reference's "has active parent alerts" rollup.</summary>
    public bool HasActiveAlerts => ActiveAlertCount > 0;
}
