using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Fieldlink.Server.Model;

/// <summary>
/// Runs query options a page built through the API's collection query layer (<see cref="CollectionQuery"/>): filter,
/// count, order and page in the database, as <c>GET /api/v1/{collection}</c> does.
/// </summary>
internal static class StoreQuery
{
    /// <summary>The page of <paramref name="source"/> the options ask for, and the count of all that match.</summary>
    public static async Task<(List<TEntity> Records, long Total)> PageAsync<TEntity, TRead>(
        IQueryable<TEntity> source, ReadResource<TEntity, TRead> resource, Dictionary<string, string> options, CancellationToken ct)
        where TEntity : Entity
        where TRead : class
    {
        var query = Parse<TEntity>(options, resource.Collection);
        var filtered = query.Filter(source);
        var total = await filtered.LongCountAsync(ct);
        var records = await query.Order(filtered, resource.DefaultOrder).Skip(query.Skip).Take(query.Top ?? 25).ToListAsync(ct);
        return (records, total);
    }

    /// <summary>Parses options built by a page's query; a refusal is a bug in that page's query, not a person's mistake.</summary>
    public static CollectionQuery Parse<TEntity>(Dictionary<string, string> options, string collection)
    {
        var errors = new FieldErrors();
        var query = CollectionQuery.Parse<TEntity>(
            new QueryCollection(options.ToDictionary(o => o.Key, o => new StringValues(o.Value))), collection, [], errors);
        return errors.IsEmpty ? query : throw new InvalidOperationException(
            $"A page built a query the collection layer refuses for {collection}: {string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value))}");
    }

    /// <summary>The distinct ids of <paramref name="ids"/>, nulls left out.</summary>
    public static List<Guid> Ids(IEnumerable<Guid?> ids) => ids.OfType<Guid>().Distinct().ToList();

    /// <summary>The name of <paramref name="id"/> in <paramref name="names"/>, or null.</summary>
    public static string? Name(Dictionary<Guid, string> names, Guid? id) => id is { } key ? names.GetValueOrDefault(key) : null;
}
