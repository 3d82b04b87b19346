using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Fieldlink.Server.Api.Problems;

/// <summary>
/// Answers what the framework refuses before a handler runs (malformed JSON, a wrong content type, a body over the
/// limit) with problem details that name the fault, instead of an empty 400.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = bad.InnerException as JsonException;
        ProblemDetails problem = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Title = "Request body too large",
                Detail = "The request body is larger than this server accepts (setting Api:MaxRequestBodyBytes).",
            },
            StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
            {
                Title = "Unsupported media type",
                Detail = $"The body must be JSON (Content-Type: application/json), not '{httpContext.Request.ContentType}'.",
            },
            _ when json is not null => new HttpValidationProblemDetails(JsonErrors.From(json)) { Detail = "The request body is not valid JSON for this endpoint." },
            _ when bad.Message.Contains("body was provided", StringComparison.Ordinal) || bad.Message.Contains("empty body", StringComparison.OrdinalIgnoreCase) =>
                new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] }),
            _ => new ProblemDetails { Title = "Bad request", Detail = bad.Message },
        };
        problem.Status = bad.StatusCode;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
