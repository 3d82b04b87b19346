using Fieldlink.Core.Data;

namespace Fieldlink.Core.Assets;

/// <summary>A piece of customer equipment (an HVAC unit, a chiller) with zero or more devices.</summary>
public sealed class CustomerAsset : Entity
{
    public required string Name { get; set; }

    public Guid? AccountId { get; set; }

    public string? SerialNumber { get; set; }

    public string? Location { get; set; }

    /// <summary>Rollup: how many of the asset's parent alerts are not closed. Kept by alert ingestion and status changes.</summary>
    public int ActiveAlertCount { get; set; }

    /// <summary>Rollup: the alert time of the asset's latest alert.</summary>
    public DateTimeOffset? LastAlertAt { get; set; }
}
