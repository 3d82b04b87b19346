namespace Fieldlink.Core.Alerts;

/// <summary>What a batch adds to an existing parent: how many children, and the latest of their times.</summary>
public sealed record ParentGrowth(Guid Id, int Added, DateTimeOffset Last);
