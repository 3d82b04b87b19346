using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.OData.UriParser;

namespace Fieldlink.Server.Api.OData;

/// <summary>
/// <c>$expand</c>: adds the referenced records to a page's answers, one database query for each expanded reference at
/// each level (never one per record), each answered as its own collection answers it, with the nested <c>$select</c>.
/// </summary>
public static class ODataExpansion
{
    /// <summary>How deep expansions may nest (<c>alerts?$expand=children($expand=device($expand=providerInstance))</c> is 3).</summary>
    public const int MaxDepth = 3;

    /// <summary>Fields a record shows in its own collection but never inside another's answer: secrets, even redacted.</summary>
    private static readonly HashSet<(string Collection, string Field)> NeverExpanded = [("providerInstances", "settings")];

    /// <summary>Adds what <paramref name="clause"/> expands to <paramref name="items"/>, records of <paramref name="collection"/>.</summary>
    public static async Task ApplyAsync(
        string collection, SelectExpandClause clause, IReadOnlyList<(Entity Record, JsonObject Answer)> items, IServiceProvider services, FieldlinkDbContext db, int maxPageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clause);
        if (items.Count == 0)
        {
            return;
        }

        foreach (var expanded in clause.SelectedItems.OfType<ExpandedNavigationSelectItem>())
        {
            var navigation = NavigationOf(collection, expanded);
            var target = ExpandableSets.For(navigation.Target, services);
            if (navigation.Many)
            {
                var query = CollectionQuery.Nested(expanded);
                var pageSize = Math.Min(query.Top ?? maxPageSize, maxPageSize);
                var pages = await target.LoadManyAsync(db, navigation.ForeignKey, items.Select(i => i.Record.Id).Distinct().ToList(), query, pageSize, ct);
                var loaded = pages.Values.SelectMany(p => p).ToList();
                await ApplyAsync(navigation.Target, expanded.SelectAndExpand, loaded, services, db, maxPageSize, ct);
                foreach (var (record, answer) in items)
                {
                    var children = pages.TryGetValue(record.Id, out var page) ? page : [];
                    answer[navigation.Name] = new JsonArray(children.Select(c => (JsonNode?)Shape(navigation.Target, c.Answer, expanded.SelectAndExpand)).ToArray());
                }
            }
            else
            {
                var source = ExpandableSets.For(collection, services);
                var ids = items.Select(i => source.IdIn(i.Record, navigation.ForeignKey)).OfType<Guid>().Distinct().ToList();
                var loaded = ids.Count == 0 ? [] : await target.LoadAsync(db, ids, ct);
                await ApplyAsync(navigation.Target, expanded.SelectAndExpand, loaded.Values.ToList(), services, db, maxPageSize, ct);
                foreach (var (record, answer) in items)
                {
                    answer[navigation.Name] = source.IdIn(record, navigation.ForeignKey) is { } id && loaded.TryGetValue(id, out var referenced)
                        ? Shape(navigation.Target, referenced.Answer, expanded.SelectAndExpand)
                        : null;
                }
            }
        }
    }

    /// <summary>Checks what the database cannot run or the caller may not see, naming <c>$expand</c>.</summary>
    public static void Check(string collection, SelectExpandClause? clause, FieldErrors errors, int depth = 1)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var expanded in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            var navigation = NavigationOf(collection, expanded);
            if (depth > MaxDepth)
            {
                errors.Add("$expand", $"Expansions nest at most {MaxDepth} levels deep.");
                return;
            }

            if (!navigation.Many && (expanded.FilterOption ?? (object?)expanded.OrderByOption ?? expanded.TopOption ?? expanded.SkipOption) is not null)
            {
                errors.Add("$expand", $"'{navigation.Name}' is a single record: only $select and $expand apply to it.");
            }

            if (expanded.CountOption is not null || expanded.SearchOption is not null || expanded.LevelsOption is not null || expanded.ComputeOption is not null || expanded.ApplyOption is not null)
            {
                errors.Add("$expand", $"Inside $expand, '{navigation.Name}' takes $select, $expand, and for a collection $filter, $orderby, $top and $skip; nothing else.");
            }

            if (QueryableFields.Refusal(expanded.FilterOption?.Expression) is { } filter)
            {
                errors.Add("$expand", $"$filter of {navigation.Name}: {filter}");
            }

            if (QueryableFields.Refusal(expanded.OrderByOption) is { } order)
            {
                errors.Add("$expand", $"$orderby of {navigation.Name}: {order}");
            }

            foreach (var field in SelectedFields(expanded.SelectAndExpand) ?? [])
            {
                if (NeverExpanded.Contains((navigation.Target, field)))
                {
                    errors.Add("$expand", $"The {field} of a record in {navigation.Target} are never expanded into another record's answer; read them at /api/v1/{navigation.Target}.");
                }
            }

            Check(navigation.Target, expanded.SelectAndExpand, errors, depth + 1);
        }
    }

    /// <summary>The fields <c>$select</c> names in <paramref name="clause"/>, or null for all of them.</summary>
    public static IReadOnlyList<string>? SelectedFields(SelectExpandClause? clause) =>
        clause is null || clause.AllSelected
            ? null
            : clause.SelectedItems.OfType<PathSelectItem>().Select(p => p.SelectedPath.LastSegment.Identifier).ToList();

    /// <summary>
    /// The select list of a context URL for <paramref name="clause"/> (<c>name,providerInstance(name)</c>), or null when
    /// the answer holds every field and nothing expanded.
    /// </summary>
    public static string? ContextSelectList(SelectExpandClause? clause)
    {
        if (clause is null)
        {
            return null;
        }

        var expansions = clause.SelectedItems.OfType<ExpandedNavigationSelectItem>()
            .Select(e => $"{e.PathToNavigationProperty.LastSegment.Identifier}({ContextSelectList(e.SelectAndExpand)})")
            .ToList();
        var fields = SelectedFields(clause);
        if (fields is null && expansions.Count == 0)
        {
            return null;
        }

        return string.Join(',', (fields ?? ["*"]).Concat(expansions));
    }

    private static ODataNavigation NavigationOf(string collection, ExpandedNavigationSelectItem expanded)
    {
        var name = expanded.PathToNavigationProperty.LastSegment.Identifier;
        return ODataModel.Navigations.Single(n => n.Collection == collection && n.Name == name);
    }

    /// <summary>A copy of an expanded record's answer with the nested $select's fields (and its own expansions), never a secret.</summary>
    private static JsonObject Shape(string collection, JsonObject answer, SelectExpandClause? clause)
    {
        var copy = answer.DeepClone().AsObject();
        var keep = SelectedFields(clause)?.Concat(clause!.SelectedItems.OfType<ExpandedNavigationSelectItem>().Select(e => e.PathToNavigationProperty.LastSegment.Identifier)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in copy.Select(p => p.Key).ToList())
        {
            if (NeverExpanded.Contains((collection, name)) || (keep is not null && !keep.Contains(name)))
            {
                copy.Remove(name);
            }
        }

        return copy;
    }
}
