using Fieldlink.Core.Auth;
using Fieldlink.Core.Devices;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Server.Model;

/// <summary>
/// The signed-in person's own settings (their time zone), read and saved through Identity's <see cref="UserManager{TUser}"/>
/// in a store scope of its own per call. Anyone signed in may change their own profile: it is no action on records.
/// </summary>
public sealed class PersonProfile(AuthenticationStateProvider authentication, IServiceScopeFactory scopes)
{
    /// <summary>The IANA zones a person may choose from: TimeZoneConverter's list, those this machine knows, by name.</summary>
    public static IReadOnlyList<string> Zones { get; } =
        [.. TimeZoneConverter.TZConvert.KnownIanaTimeZoneNames.Where(n => TimeZoneInfo.TryFindSystemTimeZoneById(n, out _)).Order(StringComparer.Ordinal)];

    /// <summary>The zone the person chose, or null for their browser's.</summary>
    public async Task<string?> TimeZoneIdAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return (await FindAsync(scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>()))?.TimeZoneId;
    }

    /// <summary>Saves the person's zone (null: their browser's); refused with a sentence when it is no IANA zone.</summary>
    public async Task<ActionAnswer> SaveTimeZoneAsync(string? zoneId)
    {
        string? iana = null;
        if (!string.IsNullOrWhiteSpace(zoneId))
        {
            if (!TimeZoneIds.TryNormalize(zoneId, out var normalized) || !TimeZoneInfo.TryFindSystemTimeZoneById(normalized, out _))
            {
                return ActionAnswer.Refused($"'{zoneId}' is not a time zone this server knows: pick one from the list (e.g. Europe/Berlin).");
            }

            iana = normalized;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        if (await FindAsync(users) is not { } user)
        {
            return ActionAnswer.Refused("You are not signed in any more: sign in again to change your profile.");
        }

        user.TimeZoneId = iana;
        var result = await users.UpdateAsync(user);
        return result.Succeeded
            ? new ActionAnswer(true, iana is null ? "Times are now shown in your browser's time zone." : $"Times are now shown in {iana}.")
            : ActionAnswer.Refused(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task<FieldlinkUser?> FindAsync(UserManager<FieldlinkUser> users)
    {
        var person = (await authentication.GetAuthenticationStateAsync()).User;
        return person.Identity?.IsAuthenticated == true ? await users.GetUserAsync(person) : null;
    }
}
