using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.DeadLetters;

/// <summary>
/// Dead letters: what connectors received and could not use (bad JSON, wrong types, unknown devices, unknown topics),
/// kept with the reason, read-only, as an OData collection.
/// </summary>
public static class DeadLettersApi
{
    private static readonly DeadLetterResource Resource = new();

    public static void MapDeadLettersApi(this IEndpointRouteBuilder api)
    {
        var deadLetters = api.MapGroup("deadLetters").WithTags("deadLetters");
        deadLetters.MapGet("/", ListAsync)
            .Produces<CollectionPage<DeadLetterRead>>()
            .WithSummary("Lists deadLetters, with OData $filter, $orderby, $top, $skip, $count and $select.");
        deadLetters.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one dead letter.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.DeadLetters, http, options.Value, ct);

    private static Task<Results<Ok<DeadLetterRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);
}
