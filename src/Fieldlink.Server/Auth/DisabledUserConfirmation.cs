using Fieldlink.Core.Auth;
using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Server.Auth;

/// <summary>A disabled person (<c>fieldlink users disable</c>) may not sign in: Identity then answers NotAllowed.</summary>
public sealed class DisabledUserConfirmation : IUserConfirmation<FieldlinkUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<FieldlinkUser> manager, FieldlinkUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(!user.Disabled);
    }
}
