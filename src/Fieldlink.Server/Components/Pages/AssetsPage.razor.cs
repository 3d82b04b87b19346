using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// The customer assets, by name, with their account, registration status and rollups (open parent alerts, last alert,
/// last command), paged and sorted in the database through the API's collection query layer.
/// </summary>
public sealed partial class AssetsPage
{
    private RecordList<AssetRow, AssetListQuery>? _list;
    private bool _openAlertsOnly;

    [Inject]
    private AssetList AssetList { get; set; } = default!;

    private AssetListQuery Query() => new() { WithOpenAlertsOnly = _openAlertsOnly };

    private Task OpenAlertsOnlyChanged(bool only)
    {
        _openAlertsOnly = only;
        return _list?.ReloadAsync() ?? Task.CompletedTask;
    }
}
