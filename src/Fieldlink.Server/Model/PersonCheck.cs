using System.Security.Claims;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Fieldlink.Server.Model;

/// <summary>The check every action of a page makes before it acts: may this person act under the Dispatch (or, on an
/// administration page, the Administer) policy?</summary>
public static class PersonCheck
{
    public const string ReadOnly = "Your role may read but not change this: ask a Dispatcher or an Administrator.";

    public static async Task<bool> MayDispatchAsync(IServiceProvider services, ClaimsPrincipal person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var authorization = services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(person, AuthPolicies.Dispatch)).Succeeded;
    }

    public const string AdministratorsOnly = "Your role may not change this: only an Administrator may.";

    /// <summary>Whether the person may act under the Administer policy: the administration pages' actions ask this first.</summary>
    public static async Task<bool> MayAdministerAsync(IServiceProvider services, ClaimsPrincipal person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var authorization = services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(person, AuthPolicies.Administer)).Succeeded;
    }
}
