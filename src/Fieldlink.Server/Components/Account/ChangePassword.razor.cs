using Fieldlink.Core.Auth;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Server.Components.Account;

/// <summary>
/// A signed-in person changes their own password. Identity checks the current one and the password rules; the
/// session is renewed, because the change moves the security stamp that other sessions are then refused on.
/// </summary>
public sealed partial class ChangePassword(UserManager<FieldlinkUser> users, SignInManager<FieldlinkUser> signIn, NavigationManager navigation)
{
    public const string Changed = "Your password has been changed.";

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    private ChangePasswordInput? _input;

    [SupplyParameterFromForm]
    private ChangePasswordInput Input
    {
        get => _input ??= new();
        set => _input = value;
    }

    private string? Message { get; set; }

    private IReadOnlyList<string> Errors { get; set; } = [];

    private async Task ChangeAsync()
    {
        if (await users.GetUserAsync(HttpContext.User) is not { } user)
        {
            navigation.NavigateTo(SignInServices.SignInPath);
            return;
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            Errors = [.. result.Errors.Select(e => e.Description)];
            return;
        }

        await signIn.RefreshSignInAsync(user);
        Message = Changed;
    }
}
