using Fieldlink.Core.Alerts;
using Fieldlink.Core.Live;
using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// One alert (<c>/alerts/{id}</c>): its fields, data, group, commands, case and work orders, and what a Dispatcher does
/// from it through <see cref="AlertActions"/>: change the status, create the case and its work order, pull the device's data;
/// and send a command for it to its device or to every device of its customer asset. The commands of its device reload it live.
/// </summary>
public sealed partial class AlertView : IDisposable
{
    private AlertDetail? _alert;
    private bool _loaded;
    private bool _busy;
    private bool _interactive;
    private LiveWatch? _watch;
    private Guid? _watched;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private AlertDetails Details { get; set; } = default!;

    [Inject]
    private AlertActions Actions { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _loaded = false;
        await ReloadAsync();
    }

    /// <summary>
    /// Whether a button may act: the page is live (a prerendered page's click would be lost before its circuit runs)
    /// and no action is running.
    /// </summary>
    private bool CanAct => _interactive && !_busy;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await TimeZone.LearnOnceAsync(JS);
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task ReloadAsync()
    {
        _alert = await Details.LoadAsync(Id, CancellationToken.None);
        _loaded = true;
        Watch(_alert?.Device?.Id);
    }

    private async Task ChangeStatusAsync(AlertStatus status)
    {
        if (await AlertStatusDialog.AskAsync(Dialogs, status, 1) is { } note)
        {
            await ActAsync(async person => await Actions.ChangeStatusAsync(person, [Id], status, note, CancellationToken.None));
        }
    }
    /// <summary>Watches the commands and alerts of the alert's device: the statuses the page shows change as they are delivered.</summary>
    private void Watch(Guid? device)
    {
        if (device == _watched)
        {
            return;
        }

        _watch?.Dispose();
        _watch = null;
        _watched = device;
        if (device is { } id)
        {
            _watch = Live.Watch(LiveFilter.Of(RecordKind.Command, RecordKind.Alert).ForDevices(id), _ => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }));
        }
    }

    private Task SendToDeviceAsync() =>
        _alert?.Device is { } device
            ? SendAsync(CommandTarget.Device(device.Id), $"Send a command to {device.Name}")
            : Task.CompletedTask;

    private Task SendToAssetAsync() =>
        _alert?.CustomerAsset is { } asset
            ? SendAsync(CommandTarget.Asset(asset.Id), $"Send a command to every device of {asset.Name}")
            : Task.CompletedTask;

    /// <summary>Opens the send-command form with this alert as the parent; the commands list shows what was queued.</summary>
    private async Task SendAsync(CommandTarget target, string title)
    {
        var dialog = await SendCommandDialog.ShowAsync(Dialogs, target, Id, title);
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }

    public void Dispose() => _watch?.Dispose();

    private Task CreateCaseAsync() => ActAsync(async person => await Actions.CreateCasesAsync(person, [Id], CancellationToken.None));

    private Task CreateWorkOrderAsync() =>
        _alert?.Case is { } caseLink
            ? ActAsync(async person => await Actions.CreateWorkOrderAsync(person, caseLink.Id, CancellationToken.None))
            : Task.CompletedTask;

    private Task PullAsync() => ActAsync(async person => await Actions.PullDeviceDataAsync(person, [Id], CancellationToken.None));

    private async Task ActAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<ActionAnswer>> action)
    {
        _busy = true;
        try
        {
            var answer = await action(await Access.PersonAsync());
            Snackbar.Add(answer.Message, answer.Done ? Severity.Success : Severity.Error);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Reason(AlertStatusReason reason) => reason switch
    {
        AlertStatusReason.New => "as it arrived",
        AlertStatusReason.Manual => "changed by a person",
        AlertStatusReason.CommandSent => "a command was sent",
        AlertStatusReason.CaseCreated => "a case was created",
        AlertStatusReason.Reopened => "reopened",
        AlertStatusReason.CaseResolved => "its case was resolved",
        AlertStatusReason.CaseCanceled => "its case was canceled",
        _ => reason.ToString(),
    };
}
