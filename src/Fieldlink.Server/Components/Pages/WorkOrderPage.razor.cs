using Fieldlink.Core.Live;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// A work order: the work, the case, alert and device it came from, when each status was reached; for a Dispatcher the
/// next steps its lifecycle allows (<see cref="WorkOrderActions"/>). Reloaded when it changes elsewhere.
/// </summary>
public sealed partial class WorkOrderPage : IDisposable
{
    private WorkOrderDetail? _detail;
    private bool _missing;
    private bool _busy;
    private LiveWatch? _live;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private RecordDetails Details { get; set; } = default!;

    [Inject]
    private WorkOrderActions Actions { get; set; } = default!;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    protected override void OnInitialized() =>
        _live = Live.Watch(LiveFilter.Of(RecordKind.WorkOrder), changes => changes.Any(c => c.Id == Id || c.IsAny) ? InvokeAsync(LoadAsync) : Task.CompletedTask);

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await Details.WorkOrderAsync(Id, CancellationToken.None);
        _missing = _detail is null;
        StateHasChanged();
    }

    private async Task MoveAsync(WorkOrderStatus to)
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

    private static string MoveLabel(WorkOrderStatus to) => to switch
    {
        WorkOrderStatus.Scheduled => "Schedule",
        WorkOrderStatus.InProgress => "Start",
        WorkOrderStatus.Completed => "Complete",
        WorkOrderStatus.Closed => "Close",
        WorkOrderStatus.Canceled => "Cancel work order",
        _ => to.ToString(),
    };

    public void Dispose() => _live?.Dispose();
}
