using Fieldlink.Core.Data;

namespace Fieldlink.Core.Assets;

/// <summary>A piece of customer equipment (an HVAC unit, a chiller) with zero or more devices.</summary>
public sealed class CustomerAsset : Entity
{
    public required string Name { get; set; }

    public Guid? AccountId { get; set; }

    public string? SerialNumber { get; set; }

    public string? Location { get; set; }
}
