using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Server.Auth;

/// <summary>
/// How requests authenticate. Pages: Identity's application cookie, the default scheme, so a page that needs a
/// person redirects to <see cref="SignInPath"/>. The API: only API keys, because its groups' policies name
/// <see cref="ApiKeyAuthenticationHandler.SchemeName"/> (a cookie sent to /api is never read there).
/// </summary>
public static class SignInServices
{
    public const string SignInPath = "/account/signin";

    public const string SignOutPath = "/account/signout";

    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>How often a signed-in person's cookie is checked against the store (a disabled person is out by then).</summary>
    public static readonly TimeSpan SecurityStampInterval = TimeSpan.FromMinutes(1);

    public static void AddFieldlinkAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddFieldlinkPeople().AddSignInManager();
        services.AddSingleton<ApiKeyCache>();

        // The keys that encrypt the cookie live in the store: every process on one PostgreSQL database reads the
        // cookies of the others, and a restart or a new container signs nobody out.
        services.AddDataProtection().SetApplicationName("Fieldlink").PersistKeysToDbContext<FieldlinkDbContext>();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SecurityStampInterval);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.ReturnUrlParameter = ReturnUrlParameter;
            options.Cookie.Name = "Fieldlink.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);

            // A signed-in person without the role a page needs gets 403, not a redirect to a page that does not exist.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(AuthPolicies.Add);
        services.AddCascadingAuthenticationState();
    }
}
