using Fieldlink.Core.Live;
using Fieldlink.Sdk;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// A provider and its instances, for an Administrator: each instance's live connection (combined, and per process),
/// and the form that creates or changes one with its settings generated from the connector's schema
/// (<see cref="InstanceSettingsForm"/>), enabling, disabling and deleting (<see cref="InstanceActions"/>). The page
/// follows the live feed: an instance changed elsewhere, and every change of a process's connection, reload it, so
/// "Connected" or "Disconnected" shows without a reload of the browser.
/// </summary>
public sealed partial class ProviderPage : IDisposable
{
    private ProviderDetail? _detail;
    private bool _missing;
    private InstanceDraft? _draft;
    private string? _editing;
    private bool _busy;
    private LiveWatch? _live;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private ProviderAdmin Admin { get; set; } = default!;

    [Inject]
    private InstanceActions Actions { get; set; } = default!;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override void OnInitialized() =>
        _live = Live.Watch(LiveFilter.Of(RecordKind.ProviderInstance, RecordKind.InstanceConnection), _ => InvokeAsync(LoadAsync));

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await Admin.ProviderAsync(Id, CancellationToken.None);
        _missing = _detail is null;
        StateHasChanged();
    }

    private void New()
    {
        _editing = null;
        _draft = InstanceDraft.New(Id, _detail?.Connector);
    }

    private void Edit(ProviderInstanceView view)
    {
        _editing = view.Instance.Name;
        _draft = InstanceDraft.Of(view, _detail?.Connector);
    }

    private void Cancel() => _draft = null;

    private async Task SaveAsync()
    {
        if (_draft is not { } draft)
        {
            return;
        }

        _busy = true;
        try
        {
            var reply = await Actions.SaveAsync(await Access.PersonAsync(), draft, CancellationToken.None);
            draft.ShowErrors(reply.Errors.All);
            Show(new ActionReply(reply.Succeeded, reply.Message, reply.Id));
            if (reply.Succeeded)
            {
                _draft = null;
            }

            await LoadAsync();
            if (reply.Stale && draft.Id is { } id && _detail?.Instances.FirstOrDefault(i => i.Instance.Id == id) is { } current)
            {
                // Changed meanwhile: the form starts again from what is stored now.
                _draft = InstanceDraft.Of(current, _detail.Connector);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SetEnabledAsync(ProviderInstanceView view, bool enabled)
    {
        _busy = true;
        try
        {
            Show(await Actions.SetEnabledAsync(await Access.PersonAsync(), view.Instance.Id, enabled, CancellationToken.None));
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(ProviderInstanceView view)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Delete provider instance",
            $"Delete the provider instance {view.Instance.Name}? Its connection is closed at once. An instance that devices, the IoT settings or Endpoint keys still use is not deleted.",
            yesText: "Delete", cancelText: "Cancel");
        if (sure != true)
        {
            return;
        }

        _busy = true;
        try
        {
            Show(await Actions.DeleteAsync(await Access.PersonAsync(), view.Instance.Id, CancellationToken.None));
            if (_draft?.Id == view.Instance.Id)
            {
                _draft = null;
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static Color StateColor(InstanceConnectionState state) => state switch
    {
        InstanceConnectionState.Connected => Color.Success,
        InstanceConnectionState.Disconnected => Color.Error,
        InstanceConnectionState.Connecting => Color.Info,
        _ => Color.Default,
    };

    public void Dispose() => _live?.Dispose();
}
