using Fieldlink.Core.Cases;

namespace Fieldlink.Server.Model;

/// <summary>What the cases page asks for: status, priority, a search in the number and title; sort; page.</summary>
public sealed record CaseListQuery : ListQuery
{
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        [nameof(CaseRow.Number)] = "number",
        [nameof(CaseRow.Title)] = "title",
        [nameof(CaseRow.Status)] = "status",
        [nameof(CaseRow.Priority)] = "priority",
        [nameof(CaseRow.CreatedAt)] = "createdAt",
    };

    public CaseStatus? Status { get; init; }

    public CasePriority? Priority { get; init; }

    public Guid? CustomerAssetId { get; init; }

    protected override IReadOnlyDictionary<string, string> SortFields => Sorts;

    protected override IReadOnlyList<string> SearchFields { get; } = ["number", "title"];

    protected override IEnumerable<string> Filters()
    {
        if (Status is { } status)
        {
            yield return $"status eq '{status}'";
        }

        if (Priority is { } priority)
        {
            yield return $"priority eq '{priority}'";
        }

        if (CustomerAssetId is { } asset)
        {
            yield return $"customerAssetId eq {asset}";
        }
    }
}
