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
    private LiveReload? _live;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private RecordDetails Details { get; set; } = default!;

    [Inject]
    private ChangeFeed Feed { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override void OnInitialized() =>
        _live = new LiveReload(Feed, Concerns, () => InvokeAsync(LoadAsync));

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await Details.AssetAsync(Id, CancellationToken.None);
        _missing = _detail is null;
        StateHasChanged();
    }

    /// <summary>Whether a change is to the asset's devices, or their alerts and commands.</summary>
    private bool Concerns(RecordChange change) =>
        _detail is { } detail && (change.Id == Id || (change.DeviceId is { } device && detail.Devices.Any(d => d.Id == device)));

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
