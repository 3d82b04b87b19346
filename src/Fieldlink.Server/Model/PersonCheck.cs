using System.Security.Claims;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Fieldlink.Server.Model;

/// <summary>The check every action of a page makes before it acts: may this person act under the Dispatch policy?</summary>
internal static class PersonCheck
{
    public const string ReadOnly = "Your role may read but not change this: ask a Dispatcher or an Administrator.";

    public static async Task<bool> MayDispatchAsync(IServiceProvider services, ClaimsPrincipal person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var authorization = services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(person, AuthPolicies.Dispatch)).Succeeded;
    }
}
