using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the person of one circuit may do, by the same policies as API keys (<see cref="Auth.AuthPolicies"/>). A page
/// hides a button its person may not use; the action behind it asks again before it acts, so an action sent anyway
/// (a stale page, a role taken away meanwhile) is refused, never done.
/// </summary>
public sealed class PersonAccess(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    /// <summary>The signed-in person of this circuit.</summary>
    public async Task<ClaimsPrincipal> PersonAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>Whether the person may act under <paramref name="policy"/> (e.g. <see cref="Auth.AuthPolicies.Dispatch"/>).</summary>
    public async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(await PersonAsync(), policy)).Succeeded;
}
