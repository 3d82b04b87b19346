using Fieldlink.Core.Live;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// The providers, for an Administrator: each with its connector and instance count, and the form that creates or
/// changes one (<see cref="ProviderActions"/>: checked as the API checks it, errors on their fields). The instance
/// counts follow instances created or deleted elsewhere (the live feed's provider instance changes).
/// </summary>
public sealed partial class ProvidersPage : IDisposable
{
    private IReadOnlyList<ProviderRow>? _rows;
    private ProviderDraft? _draft;
    private string? _editing;
    private bool _busy;
    private LiveWatch? _live;

    [Inject]
    private ProviderAdmin Admin { get; set; } = default!;

    [Inject]
    private ProviderActions Actions { get; set; } = default!;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override void OnInitialized() =>
        _live = Live.Watch(LiveFilter.Of(RecordKind.ProviderInstance), _ => InvokeAsync(LoadAsync));

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _rows = await Admin.ProvidersAsync(CancellationToken.None);
        StateHasChanged();
    }

    private void New()
    {
        _editing = null;
        _draft = new ProviderDraft { Connector = Admin.Connectors.Count == 1 ? Admin.Connectors[0].Key : null };
    }

    private void Edit(ProviderRow row)
    {
        _editing = row.Name;
        _draft = ProviderDraft.Of(row);
    }

    private void Cancel() => _draft = null;

    private async Task SaveAsync()
    {
        if (_draft is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var reply = await Actions.SaveAsync(await Access.PersonAsync(), _draft, CancellationToken.None);
            _draft.Errors = reply.Errors.All;
            Show(new ActionReply(reply.Succeeded, reply.Message, reply.Id));
            if (reply.Succeeded)
            {
                _draft = null;
            }

            await LoadAsync();
            if (reply.Stale && _draft?.Id is { } id && _rows?.FirstOrDefault(r => r.Id == id) is { } current)
            {
                // Refused as changed meanwhile: the form starts again from what is stored now.
                _draft = ProviderDraft.Of(current);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(ProviderRow row)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Delete provider", $"Delete the provider {row.Name}? A provider with instances is not deleted.",
            yesText: "Delete", cancelText: "Cancel");
        if (sure != true)
        {
            return;
        }

        _busy = true;
        try
        {
            Show(await Actions.DeleteAsync(await Access.PersonAsync(), row.Id, CancellationToken.None));
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose() => _live?.Dispose();
}
