using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Auth;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>What every operation of one request (or of one <c>$batch</c>) works with: the store, the caller and its services.</summary>
/// <param name="Db">The store; a <c>$batch</c> change set's operations share its transaction.</param>
/// <param name="User">The API key's identity and role.</param>
/// <param name="Services">The request's services (Core's services, the resources' dependencies).</param>
/// <param name="ServiceRoot">The absolute root of the Web API, ending in <c>/</c>, e.g. <c>https://host/api/data/v9.2/</c>.</param>
/// <param name="Cancellation">The request's cancellation.</param>
public sealed record DataverseContext(FieldlinkDbContext Db, ClaimsPrincipal User, IServiceProvider Services, Uri ServiceRoot, CancellationToken Cancellation)
{
    /// <summary>
    /// Whether the operation runs in a <c>$batch</c> change set, inside its one transaction: a write whose Core service
    /// keeps a transaction of its own (an alert's status, a case's creation) is refused there.
    /// </summary>
    public bool InChangeSet { get; init; }

    /// <summary>The version an update's <c>If-Match</c> named (null without one, or with <c>*</c>), for a lifecycle that checks it itself.</summary>
    public long? ExpectedVersion { get; init; }

    public bool IsIn(params ApiKeyRole[] roles) => roles.Any(r => User.IsInRole(r.ToString()));

    /// <summary>The provider instance an Endpoint key is bound to, or null.</summary>
    public Guid? EndpointInstance =>
        User.IsInRole(nameof(ApiKeyRole.Endpoint)) && Guid.TryParse(User.FindFirstValue(ApiKeyAuthenticationHandler.ProviderInstanceClaim), out var id) ? id : null;

    /// <summary>The absolute URL of a record, as <c>OData-EntityId</c> and <c>$expand</c> links give it.</summary>
    public string RecordUrl(string entitySet, Guid id) => $"{ServiceRoot}{entitySet}({id})";
}
