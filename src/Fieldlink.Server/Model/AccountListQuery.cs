namespace Fieldlink.Server.Model;

/// <summary>What the accounts page asks for: a search in the name, number and e-mail; sort; page.</summary>
public sealed record AccountListQuery : ListQuery
{
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        [nameof(AccountRow.Name)] = "name",
        [nameof(AccountRow.AccountNumber)] = "accountNumber",
        [nameof(AccountRow.Email)] = "email",
    };

    protected override IReadOnlyDictionary<string, string> SortFields => Sorts;

    protected override IReadOnlyList<string> SearchFields { get; } = ["name", "accountNumber", "email"];

    protected override IEnumerable<string> Filters() => [];
}
