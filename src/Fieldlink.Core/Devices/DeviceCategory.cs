using Fieldlink.Core.Data;

namespace Fieldlink.Core.Devices;

/// <summary>A kind of device, with the measures its devices report.</summary>
public sealed class DeviceCategory : Entity
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<Measure> Measures { get; set; } = [];
}
