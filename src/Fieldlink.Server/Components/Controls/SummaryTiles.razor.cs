using System.Globalization;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Controls;

/// <summary>
/// A device's summary tiles (at most six): label, value with unit, and window, from the same service as
/// <c>GET /api/v1/devices/{id}/tiles</c>. Shows loading while it asks and says so when there are none.
/// </summary>
public sealed partial class SummaryTiles
{
    private IReadOnlyList<TileValue>? _tiles;
    private Guid _loaded;

    [Inject]
    private DeviceTiles Tiles { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    /// <summary>The device (its record id).</summary>
    [Parameter]
    [EditorRequired]
    public Guid DeviceId { get; set; }

    /// <summary>Asks for the values again (a page calls it when the device's readings or events change).</summary>
    public async Task ReloadAsync()
    {
        _tiles = await Tiles.LoadAsync(DeviceId, CancellationToken.None);
        StateHasChanged();
    }

    /// <summary>"21.4 °C", "3", or "No data" when the window holds none.</summary>
    public static string ValueText(TileValue tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        if (tile.Value is not { } value)
        {
            return "No data";
        }

        var number = value.ToString("#,0.##", CultureInfo.InvariantCulture);
        return tile.Unit is { } unit ? $"{number} {unit}" : number;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != DeviceId || _tiles is null)
        {
            _loaded = DeviceId;
            _tiles = null;
            _tiles = await Tiles.LoadAsync(DeviceId, CancellationToken.None);
        }
    }
}
