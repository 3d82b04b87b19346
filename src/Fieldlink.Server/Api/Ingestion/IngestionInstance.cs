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
                return (default, ApiProblems.Invalid("instance", $"'{instance}' is not a provider instance id (a GUID)."));
            }

            named = parsed;
        }

        if (user.IsInRole(nameof(ApiKeyRole.Administrator)))
        {
            if (named is not { } id)
            {
                return (default, ApiProblems.Invalid("instance", "An Administrator key must name the provider instance the deviceIds belong to: ?instance=<providerInstanceId>."));
            }

            return await db.ProviderInstances.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken)
                ? (id, null)
                : (default, ApiProblems.NotFound("provider instance", id));
        }

        if (!Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.ProviderInstanceClaim), out var bound))
        {
            return (default, ApiProblems.Forbidden("This Endpoint key is bound to no provider instance, so it can ingest for none."));
        }

        return named is { } other && other != bound
            ? (default, ApiProblems.Forbidden($"This Endpoint key is bound to provider instance {bound}; it may not ingest for {other}."))
            : (bound, null);
    }
}
