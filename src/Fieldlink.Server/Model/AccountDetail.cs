using Fieldlink.Core.Assets;

namespace Fieldlink.Server.Model;

/// <summary>An account's page: its fields, its customer assets, and its newest open parent alerts (with their count).</summary>
public sealed record AccountDetail(Account Account, IReadOnlyList<AssetRow> Assets, long AssetTotal, IReadOnlyList<AlertLine> OpenAlerts, long OpenAlertTotal);
