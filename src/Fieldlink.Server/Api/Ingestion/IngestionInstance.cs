using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Ingestion;

/// <summary>
/// Which provider instance an ingestion request speaks for: an Endpoint key's own (it may name no other), or the
/// one an Administrator key names with <c>?instance=</c>, since <c>deviceId</c>s are only unique within an instance.
/// </summary>
public static class IngestionInstance
{
    public static async Task<(Guid Id, ProblemHttpResult? Problem)> ResolveAsync(ClaimsPrincipal user, string? instance, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        Guid? named = null;
        if (!string.IsNullOrWhiteSpace(instance))
        {
            if (!Guid.TryParse(instance, out var parsed))
            {
                return (default, InvalidInstance($"'{instance}' is not a provider instance id (a GUID)."));
            }

            named = parsed;
        }

        if (user.IsInRole(nameof(ApiKeyRole.Administrator)))
        {
            if (named is not { } id)
            {
                return (default, InvalidInstance("An Administrator key must name the provider instance the deviceIds belong to: ?instance=<providerInstanceId>."));
            }

            return await db.ProviderInstances.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken)
                ? (id, null)
                : (default, ApiProblems.NotFound("provider instance", id));
        }

        if (!Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.ProviderInstanceClaim), out var bound))
        {
            return (default, Forbidden("This Endpoint key is bound to no provider instance, so it can ingest for none."));
        }

        return named is { } other && other != bound
            ? (default, Forbidden($"This Endpoint key is bound to provider instance {bound}; it may not ingest for {other}."))
            : (bound, null);
    }

    private static ProblemHttpResult InvalidInstance(string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["instance"] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
        });

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
