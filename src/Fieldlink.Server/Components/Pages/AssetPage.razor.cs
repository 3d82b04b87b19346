using Fieldlink.Core.Live;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// A customer asset: its fields and account, its devices, its rollups, its newest parent alerts and the newest commands
/// sent to it or its devices; reloaded when an alert or command of its devices changes. A Dispatcher sends a command to all
/// its devices from it.
/// </summary>
public sealed partial class AssetPage : IDisposable
{
    private AssetDetail? _detail;
    private bool _missing;
    private LiveWatch? _live;
    private HashSet<Guid> _watched = [];

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private RecordDetails Details { get; set; } = default!;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await Details.AssetAsync(Id, CancellationToken.None);
        _missing = _detail is null;
        WatchDevices();
        StateHasChanged();
    }

    /// <summary>Watches the asset's devices, their alerts and commands; again when the asset's devices are others now.</summary>
    private void WatchDevices()
    {
        var devices = _detail?.Devices.Select(d => d.Id).ToHashSet() ?? [];
        if (_live is not null && devices.SetEquals(_watched))
        {
            return;
        }

        _live?.Dispose();
        _watched = devices;
        _live = Live.Watch(LiveFilter.Of(RecordKind.Alert, RecordKind.Command, RecordKind.Device).ForDevices([.. devices]), _ => InvokeAsync(LoadAsync));
    }

    private async Task SendCommandAsync()
    {
        var dialog = await SendCommandDialog.ShowAsync(Dialogs, CommandTarget.Asset(Id), title: $"Send a command to every device of {_detail?.Asset.Name}");
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private static string Of(int shown, long total) => shown == total ? $"{total}" : $"newest {shown} of {total}";

    public void Dispose() => _live?.Dispose();
}
