using Fieldlink.Core.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Server.Auth;

/// <summary>The account's endpoints that are not pages: sign-out, a form post from any page (SignOutForm).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The antiforgery middleware checks the post, so another site cannot sign a person out.
        app.MapPost(SignInServices.SignOutPath, SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOutAsync(HttpContext context, SignInManager<FieldlinkUser> signIn)
    {
        // Checked before the form is read: the binding the Request Delegate Generator writes for a [FromForm] parameter
        // reads the form without looking, and the form refuses a forged post with an exception (a 500, not a 400).
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return TypedResults.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        await signIn.SignOutAsync();

        // Signing in again goes back to the page the person left.
        var back = LocalReturnUrl.From(form["returnUrl"].ToString() is { Length: > 0 } returnUrl ? returnUrl : null);
        return TypedResults.LocalRedirect(back == "/" ? SignInServices.SignInPath : $"{SignInServices.SignInPath}?{SignInServices.ReturnUrlParameter}={Uri.EscapeDataString(back)}");
    }
}
