using System.Text.Json;
using Fieldlink.Core.Ingestion;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Ingestion;

/// <summary>
/// Reads an ingestion body: one JSON object or an array of at most <see cref="IngestionLimits.MaxItemsPerRequest"/>.
/// Items are turned into their records one by one, so a bad item makes only that item invalid, not the request.
/// </summary>
public static class IngestionBody
{
    /// <summary>The items of the body (the caller disposes the document), or the problem that refuses the request whole.</summary>
    public static async Task<(JsonDocument? Document, IReadOnlyList<JsonElement> Items, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, [], ApiProblems.NotJson(request.ContentType));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, [], ApiProblems.Invalid("body", $"The body is not valid JSON: {JsonErrors.From(ex).Values.First()[0]}"));
        }

        IReadOnlyList<JsonElement> items = document.RootElement.ValueKind switch
        {
            JsonValueKind.Array => [.. document.RootElement.EnumerateArray()],
            JsonValueKind.Object => [document.RootElement],
            _ => [],
        };
        if (document.RootElement.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            document.Dispose();
            return (null, [], ApiProblems.Invalid("body", "The body must be one item (a JSON object) or an array of items."));
        }

        if (items.Count > IngestionLimits.MaxItemsPerRequest)
        {
            document.Dispose();
            return (null, [], ApiProblems.TooLarge(
                "Too many items",
                $"A request carries at most {IngestionLimits.MaxItemsPerRequest} items; this one has {items.Count}. Send them in several requests."));
        }

        return (document, items, null);
    }

    /// <summary>The item as <typeparamref name="T"/>, or the outcome that says why it is not one.</summary>
    public static (T? Item, IngestionOutcome? Invalid) Convert<T>(JsonElement element)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, IngestionOutcome.Invalid("item", "An item must be a JSON object."));
        }

        try
        {
            return (element.Deserialize<T>(ApiJson.Options), null);
        }
        catch (JsonException ex)
        {
            return (null, IngestionOutcome.Invalid(JsonErrors.From(ex)));
        }
    }
}
