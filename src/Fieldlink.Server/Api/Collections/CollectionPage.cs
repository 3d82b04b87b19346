using System.Text.Json.Serialization;

namespace Fieldlink.Server.Api.Collections;

/// <summary>A page of a collection, as OData answers it. Documents the shape; $select may leave fields out.</summary>
public sealed record CollectionPage<T>(
    [property: JsonPropertyName("value")] IReadOnlyList<T> Value,
    [property: JsonPropertyName("@odata.count")] long? Count,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
