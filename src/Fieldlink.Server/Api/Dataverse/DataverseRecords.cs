using System.Globalization;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Microsoft.OData.Edm;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// Writes records as the Web API shows them: <c>@odata.etag</c>, the key, the columns, each lookup's
/// <c>_x_value</c>, expanded lookups, and the annotations a <c>Prefer</c> asked for (formatted values, lookups'
/// logical names and navigation properties).
/// </summary>
public static class DataverseRecords
{
    private static readonly CultureInfo Format = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The weak ETag of a record, from its version, as the Web API gives it.</summary>
    public static string ETag(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return $"W/\"{entity.Version}\"";
    }

    public static async Task<List<JsonObject>> ShapeAsync(
        DataverseContext context, DataverseTable table, IReadOnlyList<Entity> records, IReadOnlyList<string>? select,
        IReadOnlyList<(string Navigation, IReadOnlyList<string>? Select)> expand, DataversePrefer prefer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(prefer);
        var formatted = prefer.Wants(DataversePrefer.FormattedValue);
        var fieldsOf = records.ToDictionary(r => r.Id, r => table.Fields(r, context));

        // The records the lookups point at, read once per lookup for the whole page: for their names and for $expand.
        var targets = new Dictionary<string, Dictionary<Guid, Entity>>(StringComparer.Ordinal);
        foreach (var lookup in table.Lookups)
        {
            var expanded = expand.Any(e => e.Navigation == lookup.Navigation);
            if (!expanded && !(formatted && Selected(select, lookup.ValueColumn)) || DataverseTables.Find(lookup.Target) is not { } target || !target.MayRead(context))
            {
                continue;
            }

            var ids = fieldsOf.Values.Select(f => Id(f, lookup.Field)).OfType<Guid>().Distinct().ToList();
            targets[lookup.Navigation] = await target.FindManyAsync(context, ids);
        }

        var shaped = new List<JsonObject>(records.Count);
        foreach (var record in records)
        {
            var fields = fieldsOf[record.Id];
            var row = Row(table, record, fields, select, prefer);
            foreach (var lookup in table.Lookups.Where(l => Selected(select, l.ValueColumn)))
            {
                var id = Id(fields, lookup.Field);
                if (formatted && id is { } known && targets.GetValueOrDefault(lookup.Navigation)?.GetValueOrDefault(known) is { } target
                    && DataverseTables.Find(lookup.Target) is { } targetTable)
                {
                    var name = targetTable.Columns.FirstOrDefault(c => c.Name == targetTable.PrimaryNameColumn)?.Read(targetTable.Fields(target, context));
                    row[$"{lookup.ValueColumn}@{DataversePrefer.FormattedValue}"] = name?.DeepClone();
                }
            }

            foreach (var (navigation, nestedSelect) in expand)
            {
                var lookup = table.Lookups.First(l => l.Navigation == navigation);
                var targetTable = DataverseTables.Find(lookup.Target)!;
                row[navigation] = Id(fields, lookup.Field) is { } id && targets.GetValueOrDefault(navigation)?.GetValueOrDefault(id) is { } target
                    ? Row(targetTable, target, targetTable.Fields(target, context), nestedSelect, prefer)
                    : null;
            }

            shaped.Add(row);
        }

        return shaped;
    }

    /// <summary>One record's own columns and lookup values (no lookup names: those need the targets).</summary>
    private static JsonObject Row(DataverseTable table, Entity record, JsonObject fields, IReadOnlyList<string>? select, DataversePrefer prefer)
    {
        var formatted = prefer.Wants(DataversePrefer.FormattedValue);
        var row = new JsonObject
        {
            ["@odata.etag"] = ETag(record),
        };
        foreach (var column in table.Columns.Where(c => Selected(select, c.Name)))
        {
            var value = column.Read(fields);
            row[column.Name] = value;
            if (formatted && value is not null && FormattedValue(column, value) is { } text)
            {
                row[$"{column.Name}@{DataversePrefer.FormattedValue}"] = text;
            }
        }

        foreach (var lookup in table.Lookups.Where(l => Selected(select, l.ValueColumn)))
        {
            var id = Id(fields, lookup.Field);
            if (id is not null && prefer.Wants(DataversePrefer.AssociatedNavigationProperty))
            {
                row[$"{lookup.ValueColumn}@{DataversePrefer.AssociatedNavigationProperty}"] = lookup.Navigation;
            }

            if (id is not null && prefer.Wants(DataversePrefer.LookupLogicalName))
            {
                row[$"{lookup.ValueColumn}@{DataversePrefer.LookupLogicalName}"] = DataverseTables.Find(lookup.Target)?.LogicalName;
            }

            row[lookup.ValueColumn] = id?.ToString();
        }

        row[table.KeyColumn] = record.Id.ToString();
        return row;
    }

    private static string? FormattedValue(DataverseColumn column, JsonNode value) => column.Options is not null
        ? column.Label(value)
        : column.Type switch
        {
            EdmPrimitiveTypeKind.Boolean => value.GetValue<bool>() ? "Yes" : "No",
            EdmPrimitiveTypeKind.DateTimeOffset => value.GetValue<DateTimeOffset>().UtcDateTime.ToString("M/d/yyyy h:mm tt", Format),
            EdmPrimitiveTypeKind.Int32 => value.GetValue<int>().ToString("N0", Format),
            _ => null,
        };

    private static bool Selected(IReadOnlyList<string>? select, string column) => select is null || select.Contains(column, StringComparer.Ordinal);

    private static Guid? Id(JsonObject fields, string field) =>
        fields[field] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id
        : fields[field] is JsonValue guid && guid.TryGetValue<Guid>(out var direct) ? direct : null;
}
