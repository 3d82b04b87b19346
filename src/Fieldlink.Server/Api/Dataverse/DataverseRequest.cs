using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>One Web API operation, from an HTTP request or from a part of a <c>$batch</c>.</summary>
/// <param name="Method">GET, POST, PATCH or DELETE.</param>
/// <param name="Path">The path below the service root, e.g. <c>msdyn_iotalerts(…)</c>.</param>
/// <param name="Query">The query options, decoded.</param>
/// <param name="Headers">The request's headers (Prefer, If-Match, If-None-Match...).</param>
/// <param name="Body">The JSON body, or null.</param>
public sealed record DataverseRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public DataversePrefer Prefer => DataversePrefer.Parse(Header("Prefer") is { } prefer ? [prefer] : []);
}
