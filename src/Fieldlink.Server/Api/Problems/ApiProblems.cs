using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Problems;

/// <summary>The problem details the API answers with, one method per kind of failure.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string noun, Guid id) =>
        TypedResults.Problem(title: $"No such {noun}", detail: $"There is no {noun} with id {id}.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult PreconditionFailed(string noun) =>
        TypedResults.Problem(
            title: "Precondition failed",
            detail: $"The {noun} has changed since the ETag in If-Match was read; read it again and retry.",
            statusCode: StatusCodes.Status412PreconditionFailed);
}
