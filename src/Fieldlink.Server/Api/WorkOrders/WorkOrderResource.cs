using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.WorkOrders;

/// <summary>The <c>workOrders</c> collection, newest first.</summary>
public sealed class WorkOrderResource : ReadResource<WorkOrder, WorkOrderRead>
{
    public override string Collection => "workOrders";

    public override string Noun => "work order";

    public override WorkOrderRead ToRead(WorkOrder entity) => WorkOrderRead.From(entity);

    public static WorkOrderWrite ToWrite(WorkOrder entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new(entity.Instructions, entity.Status);
    }

    public override IOrderedQueryable<WorkOrder> DefaultOrder(IQueryable<WorkOrder> source) => source.OrderByDescending(w => w.CreatedAt);
}
