using System.Globalization;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Server.Components.Account;

/// <summary>
/// The sign-in page, rendered on the server without interactivity: a plain form post that Identity checks, counting
/// failures towards the lockout. It does not tell a wrong e-mail from a wrong password.
/// </summary>
public sealed partial class SignIn(SignInManager<FieldlinkUser> signIn, NavigationManager navigation)
{
    public const string WrongCredentials = "Wrong e-mail or password.";

    private SignInInput? _input;

    [SupplyParameterFromForm]
    private SignInInput Input
    {
        get => _input ??= new();
        set => _input = value;
    }

    [SupplyParameterFromQuery(Name = SignInServices.ReturnUrlParameter)]
    private string? ReturnUrl { get; set; }

    private string? Message { get; set; }

    private async Task SignInAsync()
    {
        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            navigation.NavigateTo(LocalReturnUrl.From(ReturnUrl));
            return;
        }

        if (result.IsLockedOut && await signIn.UserManager.FindByEmailAsync(Input.Email) is { LockoutEnd: { } until })
        {
            Message = string.Create(CultureInfo.InvariantCulture, $"Too many failed sign-ins: this account is locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
            return;
        }

        // A disabled account (NotAllowed) is refused with the same words, so the page tells nobody which accounts exist.
        Message = WrongCredentials;
    }
}
