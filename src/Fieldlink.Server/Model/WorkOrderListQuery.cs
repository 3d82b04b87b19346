using Fieldlink.Core.WorkOrders;

namespace Fieldlink.Server.Model;

/// <summary>What the work orders page asks for: status, a search in the number and the incident; sort; page.</summary>
public sealed record WorkOrderListQuery : ListQuery
{
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        [nameof(WorkOrderRow.Number)] = "number",
        [nameof(WorkOrderRow.Status)] = "status",
        [nameof(WorkOrderRow.Incident)] = "primaryIncidentDescription",
        [nameof(WorkOrderRow.CreatedAt)] = "createdAt",
    };

    public WorkOrderStatus? Status { get; init; }

    /// <summary>Only the work orders of this case.</summary>
    public Guid? CaseId { get; init; }

    protected override IReadOnlyDictionary<string, string> SortFields => Sorts;

    protected override IReadOnlyList<string> SearchFields { get; } = ["number", "primaryIncidentDescription", "instructions"];

    protected override IEnumerable<string> Filters()
    {
        if (Status is { } status)
        {
            yield return $"status eq '{status}'";
        }

        if (CaseId is { } caseId)
        {
            yield return $"caseId eq {caseId}";
        }
    }
}
