using Fieldlink.Core.Data;

namespace Fieldlink.Core.Devices;

/// <summary>A kind of device, with the measures its devices report, the commands they understand and their summary tiles.</summary>
public sealed class DeviceCategory : Entity
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<Measure> Measures { get; set; } = [];

    /// <summary>The commands its devices understand; a command of one of these names is checked against it before it is queued.</summary>
    public List<CommandDefinition> Commands { get; set; } = [];

    /// <summary>Its devices' summary tiles (at most six); empty for the defaults (see <c>SummaryTiles</c>).</summary>
    public List<SummaryTile> Tiles { get; set; } = [];
}
