using System.Security.Claims;
using Fieldlink.Core.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Auth;

/// <summary>
/// Checks a live page's person against the store as often as the cookie is checked on requests
/// (<see cref="SecurityStampValidatorOptions.ValidationInterval"/>): an interactive page holds its connection open,
/// so without this a person disabled or whose password changed elsewhere would keep acting until the page reloads.
/// A person no longer valid is signed out of the page, and the router sends them to sign in.
/// </summary>
public sealed class SessionRevalidation(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<SecurityStampValidatorOptions> stamps,
    IHostApplicationLifetime lifetime)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>The least time between two checks of a live page: a cookie checked on every request (an interval of
    /// zero, as some tests set) must not make a page's loop spin.</summary>
    public static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(1);

    protected override TimeSpan RevalidationInterval =>
        stamps.Value.ValidationInterval > ShortestInterval ? stamps.Value.ValidationInterval : ShortestInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var people = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
            return await IsStillValidAsync(people, authenticationState.User);
        }
        catch (ObjectDisposedException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The server is stopping and its services are gone: the page's connection ends with it; nobody is signed out.
            return true;
        }
    }

    private async Task<bool> IsStillValidAsync(UserManager<FieldlinkUser> people, ClaimsPrincipal principal)
    {
        if (await people.GetUserAsync(principal) is not { Disabled: false } person)
        {
            return false;
        }

        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await people.GetSecurityStampAsync(person);
    }
}
