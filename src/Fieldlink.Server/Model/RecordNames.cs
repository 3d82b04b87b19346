using System.Linq.Expressions;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// The providers, accounts and customer assets whose name holds what a person typed into a picker, first by name, found
/// through the API's collection layer (<c>contains(tolower(name),…)</c>) as the alerts list's own search is.
/// </summary>
public sealed class RecordNames(IServiceScopeFactory scopes)
{
    /// <summary>How many a picker offers; more typing narrows it.</summary>
    public const int Offered = 20;

    public Task<IReadOnlyList<NamedRecord>> ProvidersAsync(string? text, CancellationToken ct) =>
        FindAsync(db => db.Providers, "providers", p => new NamedRecord(p.Id, p.Name), text, ct);

    public Task<IReadOnlyList<NamedRecord>> AccountsAsync(string? text, CancellationToken ct) =>
        FindAsync(db => db.Accounts, "accounts", a => new NamedRecord(a.Id, a.Name), text, ct);

    public Task<IReadOnlyList<NamedRecord>> CustomerAssetsAsync(string? text, CancellationToken ct) =>
        FindAsync(db => db.CustomerAssets, "customerAssets", c => new NamedRecord(c.Id, c.Name), text, ct);

    /// <summary>The query options of a name search: names holding <paramref name="text"/> (case ignored), by name.</summary>
    public static Dictionary<string, string> Options(string? text)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["$orderby"] = "name",
            ["$top"] = Offered.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrWhiteSpace(text))
        {
            options["$filter"] = $"contains(tolower(name),'{text.Trim().ToLowerInvariant().Replace("'", "''", StringComparison.Ordinal)}')";
        }

        return options;
    }

    private async Task<IReadOnlyList<NamedRecord>> FindAsync<TEntity>(
        Func<FieldlinkDbContext, DbSet<TEntity>> set, string collection, Expression<Func<TEntity, NamedRecord>> named, string? text, CancellationToken ct)
        where TEntity : Entity
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var query = CollectionOptions.Parse<TEntity>(Options(text), collection, []);
        var source = set(db).AsNoTracking();
        return await query.Order(query.Filter(source), s => s.OrderBy(e => e.Id)).Take(Offered).Select(named).ToListAsync(ct);
    }
}
