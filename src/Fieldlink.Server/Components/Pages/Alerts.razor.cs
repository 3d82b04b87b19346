using Fieldlink.Core.Alerts;
using Fieldlink.Core.Live;
using Fieldlink.Sdk;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// The home page: every provider's parent alerts, newest first, paged and sorted in the database through the API's
/// collection query layer (<see cref="AlertList"/>), with the status, type, text, provider, account, customer asset and
/// time filters; a Dispatcher selects rows and acts on them (<see cref="AlertActions"/>).
/// </summary>
public sealed partial class Alerts : IDisposable
{
    private MudDataGrid<AlertRow>? _grid;
    private AlertStatus? _status;
    private AlertType? _type;
    private string? _search;
    private NamedRecord? _provider;
    private NamedRecord? _account;
    private NamedRecord? _asset;
    private DateTime? _from;
    private DateTime? _to;
    private bool _loaded;
    private bool _mayAct;
    private bool _busy;
    private bool _moreFilters;
    private HashSet<AlertRow> _selected = [];

    [Inject]
    private AlertList AlertList { get; set; } = default!;

    [Inject]
    private AlertActions Actions { get; set; } = default!;

    [Inject]
    private RecordNames RecordNames { get; set; } = default!;

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

    private bool Filtered => _status is not null || _type is not null || !string.IsNullOrWhiteSpace(_search)
        || _provider is not null || _account is not null || _asset is not null || _from is not null || _to is not null;

    /// <summary>The phone's button for the folded filters, saying how many of them are set.</summary>
    private string MoreFiltersText
    {
        get
        {
            var set = new object?[] { _provider, _account, _asset, _from, _to }.Count(f => f is not null);
            var label = _moreFilters ? "Fewer filters" : "More filters";
            return set == 0 ? label : $"{label} ({set} set)";
        }
    }

    private void ToggleMoreFilters() => _moreFilters = !_moreFilters;

    private string SelectionText => _selected.Count switch
    {
        0 => "Select alerts to act on them",
        1 => "1 alert selected",
        var n => $"{n} alerts selected",
    };

    protected override async Task OnInitializedAsync() => _mayAct = await Access.MayAsync(AuthPolicies.Dispatch);
    // Live: an alert stored anywhere, or a row's change, reloads the grid's current page with its sort and filters.
    private LiveWatch? _live;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    protected override void OnInitialized() => _live = Live.Watch(LiveFilter.Of(RecordKind.Alert), _ => InvokeAsync(ReloadAsync));

    public void Dispose() => _live?.Dispose();


    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await TimeZone.LearnOnceAsync(JS))
        {
            StateHasChanged();
        }
    }

    /// <summary>The query of the page's filters; the time filters are wall-clock times in the person's zone.</summary>
    private AlertListQuery Query(GridState<AlertRow> state)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        return new AlertListQuery
        {
            Status = _status,
            Type = _type,
            Search = _search,
            ProviderId = _provider?.Id,
            AccountId = _account?.Id,
            CustomerAssetId = _asset?.Id,
            From = _from is { } from ? TimeZone.ToInstant(from) : null,
            To = _to is { } to ? TimeZone.ToInstant(to) : null,
            SortBy = sort?.SortBy,
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        };
    }

    private async Task<GridData<AlertRow>> LoadAsync(GridState<AlertRow> state, CancellationToken ct)
    {
        var page = await AlertList.LoadAsync(Query(state), ct);
        _loaded = true;
        return page.ToGridData();
    }

    private Task StatusChanged(AlertStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private Task TypeChanged(AlertType? type)
    {
        _type = type;
        return ReloadAsync();
    }

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task ProviderChanged(NamedRecord? provider)
    {
        _provider = provider;
        return ReloadAsync();
    }

    private Task AccountChanged(NamedRecord? account)
    {
        _account = account;
        return ReloadAsync();
    }

    private Task AssetChanged(NamedRecord? asset)
    {
        _asset = asset;
        return ReloadAsync();
    }

    private Task FromChanged(DateTime? from)
    {
        _from = from;
        return ReloadAsync();
    }

    private Task ToChanged(DateTime? to)
    {
        _to = to;
        return ReloadAsync();
    }

    private void SelectionChanged(HashSet<AlertRow> selected) => _selected = selected;

    private async Task ChangeStatusAsync(AlertStatus status)
    {
        if (await AlertStatusDialog.AskAsync(Dialogs, status, _selected.Count) is { } note)
        {
            await ActAsync(async (person, ids) => await Actions.ChangeStatusAsync(person, ids, status, note, CancellationToken.None));
        }
    }

    private Task CreateCasesAsync() => ActAsync(async (person, ids) => await Actions.CreateCasesAsync(person, ids, CancellationToken.None));

    private Task PullAsync() => ActAsync(async (person, ids) => await Actions.PullDeviceDataAsync(person, ids, CancellationToken.None));

    /// <summary>Runs an action on the selected alerts, says what it did, then shows the list as it is now.</summary>
    private async Task ActAsync(Func<System.Security.Claims.ClaimsPrincipal, IReadOnlyCollection<Guid>, Task<ActionAnswer>> action)
    {
        _busy = true;
        try
        {
            var answer = await action(await Access.PersonAsync(), [.. _selected.Select(r => r.Id)]);
            Snackbar.Add(answer.Message, answer.Done ? Severity.Success : Severity.Error);
            _selected = [];
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private Task ReloadAsync() => _grid is null ? Task.CompletedTask : _grid.ReloadServerData();

    /// <summary>The colour of a status chip: the same on every page that shows an alert's status.</summary>
    public static Color StatusColor(AlertStatus status) => status switch
    {
        AlertStatus.Active => Color.Error,
        AlertStatus.InProgress => Color.Warning,
        _ => Color.Default,
    };
}
