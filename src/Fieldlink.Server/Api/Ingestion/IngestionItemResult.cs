using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.Ingestion;

/// <summary>What became of one ingested item.</summary>
/// <param name="Index">The item's position in the request, from 0.</param>
/// <param name="Status"><c>stored</c>, <c>unknownDevice</c> or <c>invalid</c>; for alerts <c>created</c>, <c>duplicate</c> or <c>invalid</c>.</param>
/// <param name="Errors">For an invalid item, the messages per field.</param>
/// <param name="AlertId">For an alert, the alert that stands for it.</param>
/// <param name="ParentAlertId">For an alert that joined a group, the group's parent.</param>
/// <param name="CommandId">For a command's outcome (http connector, state endpoint), the command it is the outcome of.</param>
public sealed record IngestionItemResult(
    int Index,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? AlertId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ParentAlertId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CommandId = null);
