using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fieldlink.Server.Model;

/// <summary>Query options a page builds, read by the API's collection layer (<see cref="CollectionQuery"/>).</summary>
public static class CollectionOptions
{
    public static CollectionQuery Parse<TEntity>(Dictionary<string, string> options, string collection, IReadOnlyCollection<string> selectable)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new FieldErrors();
        var query = CollectionQuery.Parse<TEntity>(
            new QueryCollection(options.ToDictionary(o => o.Key, o => new StringValues(o.Value))), collection, selectable, errors);

        // The options are built by a page's model, not typed by a person: a refusal is a bug there.
        return errors.IsEmpty ? query : throw new InvalidOperationException(
            $"A page built a query the collection layer refuses: {string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value))}");
    }
}
