using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Server.Components.Account;

/// <summary>What the sign-in form posts.</summary>
internal sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your e-mail.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}
