using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// RFC 7396 JSON merge patch: objects merge field by field, <c>null</c> removes, anything else replaces.
/// PATCH applies it to the record's writable fields, so a partial update of the settings object keeps the
/// secrets a client never saw.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>
    /// The step every PATCH takes after <see cref="ETags.CheckIfMatch(HttpRequest, Core.Data.Entity, string, out long?)"/>:
    /// <paramref name="patch"/> merged onto the record's writable fields (<paramref name="current"/>), as
    /// <paramref name="write"/>; or the 400 problem naming the field when the result does not fit <typeparamref name="TWrite"/>.
    /// </summary>
    public static ValidationProblem? Merge<TWrite>(TWrite current, JsonObject patch, out TWrite write)
        where TWrite : class
    {
        try
        {
            write = Apply(JsonSerializer.SerializeToNode(current, ApiJson.Options), patch).Deserialize<TWrite>(ApiJson.Options)!;
            return null;
        }
        catch (JsonException ex)
        {
            write = null!;
            return TypedResults.ValidationProblem(JsonErrors.From(ex));
        }
    }

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Apply(result[name], value);
                result[name] = merged is null ? null : merged.Parent is null ? merged : merged.DeepClone();
            }
        }

        return result;
    }
}
