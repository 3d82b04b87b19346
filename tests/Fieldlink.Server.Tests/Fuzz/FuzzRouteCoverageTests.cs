using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// Keeps <see cref="FuzzRoutes"/> in step with the API: every write under /api/v1 and every GET of a collection in the
/// server's OpenAPI document is fuzzed, and the table names no route the server does not have.
/// </summary>
public sealed class FuzzRouteCoverageTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Every_write_route_and_collection_in_the_OpenAPI_document_is_fuzzed()
    {
        var fuzzed = FuzzRoutes.All.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = (await OperationsAsync()).Where(key => !fuzzed.Contains(key)).ToList();

        Assert.True(missing.Count == 0, "Add these routes to FuzzRoutes (a body model or query for each):\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_fuzzed_route_is_one_the_server_has()
    {
        var operations = (await OperationsAsync(all: true)).ToHashSet(StringComparer.Ordinal);
        var stale = FuzzRoutes.All.Select(r => r.Key).Where(key => !operations.Contains(key)).ToList();

        Assert.True(stale.Count == 0, "FuzzRoutes names routes the OpenAPI document does not have:\n" + string.Join("\n", stale));
    }

    /// <summary>
    /// <c>METHOD /path</c> of every operation under /api/v1 that must be fuzzed: each write, and each GET that does not
    /// end in an id (a collection, or a single record such as settings, read with a query). With <paramref name="all"/>, every operation.
    /// </summary>
    private async Task<List<string>> OperationsAsync(bool all = false)
    {
        using var client = server.Client();
        var document = await (await client.GetAsync("/openapi/v1.json")).ReadObjectAsync(HttpStatusCode.OK);
        var operations = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in Methods.Where(m => item!.AsObject().ContainsKey(m)))
            {
                var readsOne = method == "get" && path.EndsWith('}');
                if (all || !readsOne)
                {
                    operations.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.NotEmpty(operations);
        return operations;
    }
}
