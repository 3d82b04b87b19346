namespace Fieldlink.Server.Auth;

/// <summary>
/// A person as the people page and <c>fieldlink users list</c> show them: never their password (only its making shows
/// it, once). <see cref="Role"/> is their most powerful role; <see cref="LockedUntil"/> is set only while Identity's
/// lockout after failed sign-ins lasts, which ends by itself, unlike <see cref="Disabled"/>.
/// </summary>
public sealed record PersonEntry(
    Guid Id,
    string Email,
    string? DisplayName,
    string? Role,
    bool Disabled,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt)
{
    /// <summary>"active", "disabled" or "locked until …", the words of the CLI's list and the page's state column.</summary>
    public string State => Disabled ? "disabled" : LockedUntil is { } until ? $"locked until {until:u}" : "active";
}
