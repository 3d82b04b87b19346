namespace Fieldlink.Core.Alerts;

/// <summary>What a batch of new alerts adds to a customer asset's rollups: how many open parents, and its latest alert time.</summary>
public sealed record RollupGrowth(Guid CustomerAssetId, int ActiveAdded, DateTimeOffset Last);
