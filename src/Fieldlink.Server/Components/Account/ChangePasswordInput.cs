using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Server.Components.Account;

/// <summary>What the change-password form posts.</summary>
internal sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password.")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "The new password and its repetition differ.")]
    public string ConfirmPassword { get; set; } = "";
}
