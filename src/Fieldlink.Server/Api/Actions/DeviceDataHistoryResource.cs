using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Actions;

/// <summary>A device's data pulls, newest first.</summary>
public sealed class DeviceDataHistoryResource : ReadResource<DeviceDataHistory, DeviceDataRead>
{
    public override string Collection => "dataHistory";

    public override string Noun => "data pull";

    public override DeviceDataRead ToRead(DeviceDataHistory entity) => DeviceDataRead.From(entity);

    public override IOrderedQueryable<DeviceDataHistory> DefaultOrder(IQueryable<DeviceDataHistory> source) => source.OrderByDescending(h => h.CreatedAt);
}
