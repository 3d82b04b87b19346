using System.Security.Claims;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Fieldlink.Server.Model;

/// <summary>
/// The check every save of an administration page makes before it writes: may this person act under the Administer
/// policy? The page itself is for Administrators only; this refuses a save from a page opened before the role was taken away.
/// </summary>
internal static class AdministerCheck
{
    public const string NotAdministrator = "Only an Administrator may change this; nothing was saved.";

    public static async Task<bool> MayAdministerAsync(IServiceProvider services, ClaimsPrincipal person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var authorization = services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(person, AuthPolicies.Administer)).Succeeded;
    }
}
