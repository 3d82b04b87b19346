using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fieldlink.Server.Model;

/// <summary>Hands query options a page built to the API's collection query layer, so a page filters and pages as the API does.</summary>
public static class CollectionOptions
{
    /// <summary>The parsed options; they are built by a page's model, not typed by a person, so a refusal is a bug there.</summary>
    public static CollectionQuery Parse<TEntity>(IReadOnlyDictionary<string, string> options, string collection, IReadOnlyCollection<string> selectable)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new FieldErrors();
        var query = CollectionQuery.Parse<TEntity>(
            new QueryCollection(options.ToDictionary(o => o.Key, o => new StringValues(o.Value))), collection, selectable, errors);
        return errors.IsEmpty ? query : throw new InvalidOperationException(
            $"A page built a query the collection layer refuses: {string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value))}");
    }

    /// <summary>An OData string literal: quoted, with its quotes doubled.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
    }
}
