using CsCheck;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// One route the fuzz drives: its method and path as the OpenAPI document writes them, how its requests are made,
/// and which GETs must still answer 200 after it succeeded (its record, and reads that depend on what it stored).
/// </summary>
/// <param name="Method">GET, POST, PATCH or DELETE.</param>
/// <param name="Template">The path as in /openapi/v1.json, e.g. <c>/api/v1/devices/{id}</c>.</param>
/// <param name="PathIds">What each path parameter is filled from, in order: a pool (<c>devices</c>), or <c>del:devices</c> for records the fuzz made itself.</param>
/// <param name="Body">The body of a write; none for a GET or DELETE.</param>
/// <param name="Query">The query string; none when the route takes none.</param>
/// <param name="ReadBack">Paths (with the route's own ids as <c>{0}</c>, <c>{1}</c>) that must answer 200 after a 2xx; a 201's Location is read too.</param>
public sealed record FuzzRoute(
    string Method,
    string Template,
    IReadOnlyList<string> PathIds,
    Gen<string>? Body = null,
    Gen<string>? Query = null,
    IReadOnlyList<string>? ReadBack = null)
{
    /// <summary>How the route is named in the theory's data and in failures: <c>PATCH /api/v1/devices/{id}</c>.</summary>
    public string Key => $"{Method} {Template}";

    public override string ToString() => Key;
}
