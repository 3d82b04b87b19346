using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Pages;

/// <summary>The work orders, newest first, with the status and text filters; paged and sorted in the database.</summary>
public sealed partial class WorkOrdersPage
{
    private RecordList<WorkOrderRow, WorkOrderListQuery>? _list;
    private WorkOrderStatus? _status;

    [Inject]
    private WorkOrderList WorkOrders { get; set; } = default!;

    private WorkOrderListQuery Query() => new() { Status = _status };

    private Task StatusChanged(WorkOrderStatus? status)
    {
        _status = status;
        return _list?.ReloadAsync() ?? Task.CompletedTask;
    }
}
