using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// The OData query options every collection GET declares in the OpenAPI document (<see cref="CollectionQueryTransformer"/>
/// adds them to each operation answering a <see cref="Api.Collections.CollectionPage{T}"/>). One line per option: an
/// option the parser learns (<c>$expand</c>, say) is one more line here, and a test sends each example to a collection.
/// </summary>
public static class CollectionQueryOptions
{
    public static IReadOnlyList<CollectionQueryOption> All { get; } =
    [
        new("$filter", "An OData filter on the record's fields: comparisons (eq ne gt ge lt le), and/or/not, string functions (startswith, contains, tolower...), any/all on lists, enum values as strings, times as 2026-11-26T08:00:00Z. Functions that take a time apart (year, month...) and durations are refused: compare the time itself.", JsonSchemaType.String, "name ne 'x'"),
        new("$orderby", "Fields to order by, comma-separated, each optionally followed by asc or desc, e.g. createdAt desc. Every order ends on the id, so pages never overlap.", JsonSchemaType.String, "name desc"),
        new("$top", "The most records to answer in all; a page holds at most Api:MaxPageSize (default 100), and @odata.nextLink carries the rest.", JsonSchemaType.Integer, "10"),
        new("$skip", "How many records of the order to pass over before the first one answered.", JsonSchemaType.Integer, "0"),
        new("$count", "true to answer @odata.count, the number of records the filter matches (whatever $top and $skip).", JsonSchemaType.Boolean, "true"),
        new("$expand", "References to answer inline, comma-separated, each with its own options in parentheses: a device's providerInstance, category and customerAsset; an alert's device, customerAsset, parent, case and children (children($select=id,description;$top=5)); an asset's account; an instance's provider. $metadata lists each record's navigation properties; a collection without any refuses $expand with a 400 naming it.", JsonSchemaType.String, "providerInstance($select=name)"),
        new("$select", "The fields to answer, comma-separated (e.g. id,name); the others are left out of each record. Default: every field.", JsonSchemaType.String, "id", NamesAnyField: true),
    ];
}
