using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// A webhook subscription's delivery log, newest first and paged in the database: each event's attempts, the endpoint's
/// last answer, the next try or when it was completed; a finished delivery is sent again with Redeliver (as
/// <c>POST …/redeliver</c>). The log is read again on Refresh and after a redelivery, not polled.
/// </summary>
public sealed partial class WebhookPage
{
    private MudDataGrid<WebhookDeliveryRow>? _grid;
    private WebhookRow? _subscription;
    private WebhookDeliveryStatus? _status;
    private bool _missing;
    private bool _loaded;
    private bool _busy;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private WebhookList Webhooks { get; set; } = default!;

    [Inject]
    private WebhookActions Actions { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _subscription = await Webhooks.FindAsync(Id, CancellationToken.None);
        _missing = _subscription is null;
    }

    private async Task<GridData<WebhookDeliveryRow>> LoadDeliveriesAsync(GridState<WebhookDeliveryRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await Webhooks.DeliveriesAsync(
            new WebhookDeliveryListQuery
            {
                SubscriptionId = Id,
                Status = _status,
                SortBy = sort?.SortBy,
                Descending = sort?.Descending ?? true,
                Page = state.Page,
                PageSize = state.PageSize,
            },
            ct);
        _loaded = true;
        return page.ToGridData();
    }

    private Task StatusChanged(WebhookDeliveryStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private async Task RefreshAsync()
    {
        _subscription = await Webhooks.FindAsync(Id, CancellationToken.None);
        await ReloadAsync();
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task RedeliverAsync(WebhookDeliveryRow delivery)
    {
        _busy = true;
        try
        {
            Show((await Actions.RedeliverAsync(await Access.PersonAsync(), Id, delivery.Id, CancellationToken.None)).Reply);
            await RefreshAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The attempts since it was written or redelivered, and every attempt logged when a redelivery started the count again.</summary>
    private static string AttemptsText(WebhookDeliveryRow delivery) =>
        delivery.LoggedAttempts > delivery.Attempts ? $"{delivery.Attempts} ({delivery.LoggedAttempts} in all)" : $"{delivery.Attempts}";

    private static string StatusClass(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Succeeded => "status-good",
        WebhookDeliveryStatus.Dead => "status-bad",
        _ => "",
    };
}
