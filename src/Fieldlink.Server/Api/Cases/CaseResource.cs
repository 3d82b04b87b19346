using Fieldlink.Core.Cases;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Cases;

/// <summary>The <c>cases</c> collection, newest first.</summary>
public sealed class CaseResource : ReadResource<Case, CaseRead>
{
    public override string Collection => "cases";

    public override string Noun => "case";

    public override CaseRead ToRead(Case entity) => CaseRead.From(entity);

    public static CaseWrite ToWrite(Case entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new(entity.Title, entity.Description, entity.Priority, entity.Status, entity.AccountId, entity.CustomerAssetId);
    }

    public override IOrderedQueryable<Case> DefaultOrder(IQueryable<Case> source) => source.OrderByDescending(c => c.CreatedAt);
}
