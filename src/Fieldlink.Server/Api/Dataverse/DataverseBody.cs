using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// Turns a Web API body (columns and <c>&lt;Navigation&gt;@odata.bind</c> lookups) into the record's /api/v1 fields, so
/// the write goes through the same validation; each column is checked first, and one the table does not have, or
/// cannot set, is a 400 naming it.
/// </summary>
public static partial class DataverseBody
{
    private const string Bind = "@odata.bind";

    public static (JsonObject? Fields, DataverseAnswer? Error) ToFields(DataverseTable table, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(body);
        var fields = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (key.EndsWith(Bind, StringComparison.Ordinal))
            {
                var navigation = key[..^Bind.Length];
                var lookup = table.Lookups.FirstOrDefault(l => string.Equals(l.Navigation, navigation, StringComparison.Ordinal))
                    ?? table.Lookups.FirstOrDefault(l => string.Equals(l.Navigation, navigation, StringComparison.OrdinalIgnoreCase));
                if (lookup is null)
                {
                    return (null, DataverseAnswer.Invalid($"An undeclared property '{navigation}' which only has property annotations in the payload but no property value was found in the payload. {table.LogicalName} has no lookup {navigation}."));
                }

                if (!lookup.Writable)
                {
                    return (null, DataverseAnswer.Invalid($"{lookup.Navigation} cannot be set: Fieldlink keeps it itself."));
                }

                if (value is null)
                {
                    fields[lookup.Field] = null;
                    continue;
                }

                if (Reference(value) is not { } reference || !string.Equals(reference.Set, lookup.Target, StringComparison.Ordinal))
                {
                    return (null, DataverseAnswer.Invalid($"{key}: '{value.ToJsonString().Trim('"')}' is not a reference to a record of {lookup.Target}, such as /{lookup.Target}(00000000-0000-0000-0000-000000000000)."));
                }

                fields[lookup.Field] = reference.Id;
                continue;
            }

            if (key.Contains('@', StringComparison.Ordinal))
            {
                continue; // @odata.type and other instance annotations say nothing to store
            }

            if (string.Equals(key, table.KeyColumn, StringComparison.Ordinal))
            {
                continue; // the id is the URL's, or Fieldlink's
            }

            var column = table.Columns.FirstOrDefault(c => string.Equals(c.Name, key, StringComparison.Ordinal));
            if (column is null)
            {
                var lookup = table.Lookups.FirstOrDefault(l => string.Equals(l.ValueColumn, key, StringComparison.Ordinal));
                return (null, DataverseAnswer.Invalid(lookup is null
                    ? $"Invalid property '{key}' was found in entity '{DataverseModel.Namespace}.{table.LogicalName}'."
                    : $"{key} is read-only: set the lookup with \"{lookup.Navigation}@odata.bind\": \"/{lookup.Target}(<id>)\"."));
            }

            if (!column.Writable || column.Field is null)
            {
                return (null, DataverseAnswer.Invalid($"{key} cannot be set: Fieldlink keeps it itself."));
            }

            var (written, error) = column.Write(value);
            if (error is not null)
            {
                return (null, DataverseAnswer.Invalid(error));
            }

            fields[column.Field] = written;
        }

        return (fields, null);
    }

    /// <summary>The entity set and id of a reference: <c>/set(id)</c>, <c>set(id)</c> or an absolute URL ending so.</summary>
    public static (string Set, Guid Id)? Reference(JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not JsonValue text || !text.TryGetValue<string>(out var reference))
        {
            return null;
        }

        var match = ReferencePattern().Match(reference.Trim());
        return match.Success && Guid.TryParse(match.Groups["id"].Value, out var id) ? (match.Groups["set"].Value, id) : null;
    }

    [GeneratedRegex(@"(?:^|/)(?<set>[A-Za-z_][A-Za-z0-9_]*)\((?<id>[0-9A-Fa-f-]{36})\)$")]
    private static partial Regex ReferencePattern();
}
