using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// RFC 7396 JSON merge patch: objects merge field by field, <c>null</c> removes, anything else replaces.
/// PATCH applies it to the record's writable fields, so a partial update of the settings object keeps the
/// secrets a client never saw.
/// </summary>
public static class JsonMergePatch
{
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
