using Fieldlink.Core.Cases;
using Fieldlink.Core.Live;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// A case: its fields, the alert and device it came from, its work orders; for a Dispatcher the status moves the case
/// allows now and the making of its work order (<see cref="CaseActions"/>). Reloaded when the case or its work orders
/// change elsewhere.
/// </summary>
public sealed partial class CasePage : IDisposable
{
    private CaseDetail? _detail;
    private bool _missing;
    private bool _busy;
    private string? _instructions;
    private LiveWatch? _live;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private RecordDetails Details { get; set; } = default!;

    [Inject]
    private CaseActions Actions { get; set; } = default!;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    protected override void OnInitialized() =>
        _live = Live.Watch(LiveFilter.Of(RecordKind.Case, RecordKind.WorkOrder), changes => changes.Any(Concerns) ? InvokeAsync(LoadAsync) : Task.CompletedTask);

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await Details.CaseAsync(Id, CancellationToken.None);
        _missing = _detail is null;
        StateHasChanged();
    }

    /// <summary>This case, or a work order: one made for it elsewhere is not among its work orders yet.</summary>
    private bool Concerns(RecordChange change) =>
        change.Kind == RecordKind.WorkOrder || change.Id == Id || change.IsAny;

    private async Task MoveAsync(CaseStatus to)
    {
        _busy = true;
        try
        {
            Show(await Actions.MoveAsync(await Access.PersonAsync(), Id, to, CancellationToken.None));
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateWorkOrderAsync()
    {
        _busy = true;
        try
        {
            var reply = await Actions.CreateWorkOrderAsync(await Access.PersonAsync(), Id, _instructions, CancellationToken.None);
            Show(reply);
            if (reply.Succeeded)
            {
                _instructions = null;
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string MoveLabel(CaseStatus to) => to switch
    {
        CaseStatus.Resolved => "Resolve",
        CaseStatus.Canceled => "Cancel case",
        CaseStatus.Active => "Reopen",
        _ => to.ToString(),
    };

    public void Dispose() => _live?.Dispose();
}
