using System.Text.Json;
using Fieldlink.Core.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Fieldlink.Server.Api.Problems;

/// <summary>
/// Answers what the framework refuses before a handler runs (malformed JSON, a wrong content type, a body over the
/// limit) with problem details that name the fault, instead of an empty 400; and a database's refusal of the values a
/// request brought (<see cref="StoreError.InvalidValue"/>: a division by zero or an overflow in a $filter) with a 400
/// naming the query option. Every other exception stays a 500: it is a bug, not the client's fault.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private static readonly string[] QueryExpressions = ["$filter", "$orderby"];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // One classification, by the store the request used, for both kinds of failure the store's answer explains.
        var storeError = httpContext.RequestServices.GetService<FieldlinkDbContext>()?.Classify(exception);
        if (HttpMethods.IsGet(httpContext.Request.Method) && storeError == StoreError.InvalidValue)
        {
            return await WriteInvalidValueAsync(httpContext, exception);
        }

        if (storeError == StoreError.Transient)
        {
            return await WriteUnavailableAsync(httpContext, exception);
        }

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
            _ when json is not null => new HttpValidationProblemDetails(JsonErrors.From(json)) { Detail = "The request body does not fit this endpoint; errors names the field at fault." },
            _ when bad.Message.Contains("body was provided", StringComparison.Ordinal) || bad.Message.Contains("empty body", StringComparison.OrdinalIgnoreCase) =>
                new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] }),
            _ => new ProblemDetails { Title = "Bad request", Detail = bad.Message },
        };
        problem.Status = bad.StatusCode;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // A query's values are the client's: $filter and $orderby build expressions, other options are plain values.
    // Only reads are classified here: a value refused by the database on a write got past validation, which is a bug.
    private async ValueTask<bool> WriteInvalidValueAsync(HttpContext httpContext, Exception exception)
    {
        var query = httpContext.Request.Query;
        var field = QueryExpressions.FirstOrDefault(query.ContainsKey) ?? query.Keys.FirstOrDefault() ?? "request";
        var message = $"The database could not evaluate it with the values given: {Reason(exception)}";
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
        };
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // A store that is down, or a deadlock that outlasted its retries, passes: the client is told to try again shortly.
    private async ValueTask<bool> WriteUnavailableAsync(HttpContext httpContext, Exception exception)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Store unavailable",
            Detail = "The store could not take this request just now (it is unreachable, or busy with a conflicting one); nothing was changed. Try again shortly.",
        };
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // The database's one-line reason ("division by zero"), without the statement or the parameters.
    private static string Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException db)
            {
                var text = db.Message;
                var colon = text.IndexOf(": ", StringComparison.Ordinal);
                var line = colon is > 0 and < 8 ? text[(colon + 2)..] : text;
                var end = line.IndexOf('\n', StringComparison.Ordinal);
                return (end < 0 ? line : line[..end]).Trim() + ".";
            }
        }

        return "a value is out of range.";
    }
}
