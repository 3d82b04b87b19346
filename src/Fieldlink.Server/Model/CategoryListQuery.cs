namespace Fieldlink.Server.Model;

/// <summary>What the device categories page asks for: a search in the name and description; sort; page.</summary>
public sealed record CategoryListQuery : ListQuery
{
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        [nameof(CategoryRow.Name)] = "name",
    };

    protected override IReadOnlyDictionary<string, string> SortFields => Sorts;

    protected override IReadOnlyList<string> SearchFields { get; } = ["name", "description"];

    protected override IEnumerable<string> Filters() => [];
}
