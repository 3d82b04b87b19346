using System.Security.Claims;

namespace Fieldlink.Server.Api.Problems;

/// <summary>
/// Says why, on the problems the framework writes without a body of its own (401, 403, 404 of an unknown route,
/// 405, 415), so every error a client sees explains itself.
/// </summary>
public static class ProblemDetailTexts
{
    public static void Explain(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }

        var http = context.HttpContext;
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized => http.Request.Headers.Authorization.Count == 0
                ? "An API key is required: send 'Authorization: Bearer <key>'."
                : "The API key is not valid, or has been revoked.",
            StatusCodes.Status403Forbidden =>
                $"A key with the role {http.User.FindFirstValue(ClaimTypes.Role) ?? "(none)"} may not do this.",
            StatusCodes.Status404NotFound => $"There is nothing at {http.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"The body must be JSON (Content-Type: application/json), not '{http.Request.ContentType}'.",
            _ => null,
        };
    }
}
