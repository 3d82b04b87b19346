using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Problems;

/// <summary>The problem details the API answers with, one method per kind of failure.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string noun, Guid id) =>
        NotFound($"No such {noun}", $"There is no {noun} with id {id}.");

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>400 whose <c>errors</c> name the one thing at fault: a field, a query parameter, a header, or <c>body</c>.</summary>
    public static ProblemHttpResult Invalid(string name, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
        });

    /// <summary>401 for a request whose credentials (a signature, say) do not verify; <c>errors</c> names the header.</summary>
    public static ProblemHttpResult Unauthorized(string header, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [header] = [detail] })
        {
            Title = "Unauthorized",
            Status = StatusCodes.Status401Unauthorized,
            Detail = detail,
        });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>415 for a body that is not JSON.</summary>
    public static ProblemHttpResult NotJson(string? contentType) =>
        TypedResults.Problem(
            title: "Unsupported media type",
            detail: $"The body must be JSON (Content-Type: application/json), not '{contentType}'.",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static ProblemHttpResult TooLarge(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult PreconditionFailed(string noun) =>
        TypedResults.Problem(
            title: "Precondition failed",
            detail: $"The {noun} has changed since the ETag in If-Match was read; read it again and retry.",
            statusCode: StatusCodes.Status412PreconditionFailed);
}
