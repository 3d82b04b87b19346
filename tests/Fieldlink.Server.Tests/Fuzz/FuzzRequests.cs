using CsCheck;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>Makes a route's requests: its path ids, query, body and content type.</summary>
public static class FuzzRequests
{
    private static readonly Gen<string?> JsonContentType = Gen.Frequency(
        (24, (IGen<string?>)Gen.Const((string?)"application/json")),
        (1, Gen.OneOf<string?>("text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "application/merge-patch+json", "*/*", null)));

    private static readonly Gen<string?> PatchContentType = Gen.Frequency(
        (12, (IGen<string?>)Gen.Const((string?)"application/json")),
        (12, Gen.Const((string?)"application/merge-patch+json")),
        (1, Gen.OneOf<string?>("text/plain", "application/json-patch+json", null)));

    public static Gen<FuzzRequest> For(FuzzRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);

        // One pool index for all of a path's ids, so a webhook and its delivery are drawn as a pair.
        var ids = Gen.Frequency(
                (12, (IGen<int>)Gen.Int[0, 5]),
                (1, Gen.Const(-1)),
                (1, Gen.Const(-2)))
            .SelectMany(n => route.PathIds.Count == 0
                ? Gen.Const<IReadOnlyList<string>>([])
                : route.PathIds.Select(pool => PathValue(pool, n)).Aggregate(
                    Gen.Const<IReadOnlyList<string>>([]),
                    (list, value) => list.SelectMany(l => value.Select(v => (IReadOnlyList<string>)[.. l, v]))));
        var query = route.Query?.Select(q => (string?)q) ?? Gen.Const((string?)null);
        var body = route.Body?.Select(b => (string?)b) ?? Gen.Const((string?)null);
        var contentType = route.Body is null ? Gen.Const((string?)null) : route.Method == "PATCH" ? PatchContentType : JsonContentType;
        return Gen.Select(ids, query, body, contentType, (i, q, b, c) => new FuzzRequest(route, i, q, b, c));
    }

    private static Gen<string> PathValue(string pool, int n) => pool switch
    {
        "=action" => FuzzRoutes.ActionName,
        _ when n == -1 => Gen.Guid.Select(g => g.ToString()),
        _ when n == -2 => Gen.OneOf("not-a-guid", "%00", "00000000-0000-0000-0000-000000000000", new string('f', 300)),
        _ => Gen.Const(FuzzPools.Token(pool, n)),
    };
}
