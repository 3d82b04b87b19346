using Fieldlink.Core.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Fieldlink.Server.Auth;

/// <summary>The account's endpoints that are not pages: sign-out, a form post from any page (SignOutForm).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A [FromForm] parameter makes the antiforgery middleware check the post: another site cannot sign a person out.
        app.MapPost(SignInServices.SignOutPath, SignOutAsync).ExcludeFromDescription();
    }

    private static async Task<RedirectHttpResult> SignOutAsync(SignInManager<FieldlinkUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();

        // Signing in again goes back to the page the person left.
        var back = LocalReturnUrl.From(returnUrl);
        return TypedResults.LocalRedirect(back == "/" ? SignInServices.SignInPath : $"{SignInServices.SignInPath}?{SignInServices.ReturnUrlParameter}={Uri.EscapeDataString(back)}");
    }
}
