using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Core.Auth;

/// <summary>
/// A person who signs in to the web app (programs hold an <see cref="ApiKey"/> instead). Identity keeps the e-mail,
/// the password hash, the lockout and the security stamp; Fieldlink adds what a page shows and whether the account
/// may sign in at all.
/// </summary>
public sealed class FieldlinkUser : IdentityUser<Guid>
{
    /// <summary>The name a page shows; null shows the e-mail.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The IANA time zone (<c>Europe/Berlin</c>) times are shown in; null is the browser's.</summary>
    public string? TimeZoneId { get; set; }

    /// <summary>
    /// Set by <c>fieldlink users disable</c>: the account cannot sign in. Not Identity's lockout, which ends by itself
    /// and which a list must tell apart from an administrator's decision.
    /// </summary>
    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
