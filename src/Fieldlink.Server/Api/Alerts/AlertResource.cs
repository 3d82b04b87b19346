using Fieldlink.Core.Alerts;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Alerts;

/// <summary>The unified alert list: every provider's alerts, newest first.</summary>
public sealed class AlertResource : ReadResource<Alert, AlertRead>
{
    public override string Collection => "alerts";

    public override string Noun => "alert";

    public override AlertRead ToRead(Alert entity) => AlertRead.From(entity);

    public override IOrderedQueryable<Alert> DefaultOrder(IQueryable<Alert> source) => source.OrderByDescending(a => a.AlertTime);
}
