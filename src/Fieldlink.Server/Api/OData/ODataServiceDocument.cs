using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.OData;

/// <summary>The OData service document at <c>/api/v1/</c>: every collection and its URL, where Power BI and Excel start.</summary>
public sealed record ODataServiceDocument(
    [property: JsonPropertyName("@odata.context")] string Context,
    [property: JsonPropertyName("value")] IReadOnlyList<ODataServiceEntry> Value);
