using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.Ingestion;

/// <summary>What became of one ingested item.</summary>
/// <param name="Index">The item's position in the request, from 0.</param>
/// <param name="Status"><c>stored</c>, <c>unknownDevice</c> or <c>invalid</c>.</param>
/// <param name="Errors">For an invalid item, the messages per field.</param>
public sealed record IngestionItemResult(
    int Index,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors);
