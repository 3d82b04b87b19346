using System.ComponentModel.DataAnnotations;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Auth;

/// <summary>
/// Creates, lists and changes the people who sign in, through Identity, for the people page and <c>fieldlink users</c>
/// alike, so both check an e-mail, a role and the last Administrator the same way. A change that takes something away
/// (a role, the account, the password) renews the person's security stamp: their cookie fails its next check and an
/// open page ends (<see cref="SessionRevalidation"/>), so they sign in again with what they have now.
/// </summary>
public sealed class PeopleAdministration(UserManager<FieldlinkUser> people, FieldlinkDbContext db, TimeProvider time)
{
    /// <summary>The longest display name the store keeps (<c>FieldlinkUserConfiguration</c>).</summary>
    public const int DisplayNameMaxLength = 200;

    private static readonly string RoleChoices = string.Join(", ", PersonRoles.All);

    /// <summary>Everyone, by e-mail.</summary>
    public async Task<IReadOnlyList<PersonEntry>> ListAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await RolesAsync(null, ct);
        var now = time.GetUtcNow();
        return [.. users.Select(u => Entry(u, roles, now))];
    }

    /// <summary>The id of the person with this e-mail (any letter case), or null.</summary>
    public async Task<Guid?> IdOfAsync(string email) => (await people.FindByEmailAsync(email.Trim()))?.Id;

    /// <summary>Creates a person in <paramref name="role"/> with a generated password, which the answer holds this once.</summary>
    public async Task<PersonChange> CreateAsync(string? email, string? displayName, string? role, CancellationToken ct)
    {
        var address = email?.Trim() ?? "";
        var name = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (address.Length == 0)
        {
            errors["email"] = ["The e-mail is required: the person signs in with it."];
        }
        else if (!new EmailAddressAttribute().IsValid(address))
        {
            errors["email"] = [$"'{address}' is not an e-mail address."];
        }

        if (name?.Length > DisplayNameMaxLength)
        {
            errors["displayName"] = [$"The display name is {name.Length} characters long; at most {DisplayNameMaxLength} fit."];
        }

        var roleName = RoleOf(role, errors);
        if (errors.Count > 0)
        {
            return new PersonChange(null, null, errors) { InputInvalid = true };
        }

        if (await people.FindByEmailAsync(address) is not null)
        {
            return PersonChange.Refused("email", $"A person with the e-mail {address} exists already.");
        }

        var password = GeneratedPassword.New();
        var user = new FieldlinkUser { UserName = address, Email = address, DisplayName = name, CreatedAt = time.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await people.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await people.AddToRoleAsync(user, roleName!);
        }

        if (!result.Succeeded)
        {
            return Refused(result);
        }

        await transaction.CommitAsync(ct);
        return new PersonChange(await EntryAsync(user, ct), password, null, $"{address} can sign in as {roleName} with the password shown.");
    }

    /// <summary>Gives the person <paramref name="role"/> instead of the one they have; never the last active Administrator's.</summary>
    public async Task<PersonChange> ChangeRoleAsync(Guid personId, string? role, Guid? changedBy, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (RoleOf(role, errors) is not { } roleName)
        {
            return new PersonChange(null, null, errors) { InputInvalid = true };
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await HoldAdministratorsAsync(ct);
        if (await people.FindByIdAsync(personId.ToString()) is not { } user)
        {
            return NoSuchPerson();
        }

        var current = await people.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == roleName)
        {
            return new PersonChange(await EntryAsync(user, ct), null, null, $"{user.Email} is a {roleName} already.");
        }

        if (roleName != PersonRoles.Administrator && await IsLastActiveAdministratorAsync(user, ct))
        {
            return PersonChange.Refused("role", LastAdministrator(user, changedBy, "take another role", "give them another role"));
        }

        var result = await people.RemoveFromRolesAsync(user, current);
        if (result.Succeeded)
        {
            result = await people.AddToRoleAsync(user, roleName);
        }

        // The roles are in the cookie: a new stamp makes it fail its next check, and the person signs in with the new role.
        if (result.Succeeded)
        {
            result = await people.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            return Refused(result);
        }

        await transaction.CommitAsync(ct);
        return new PersonChange(await EntryAsync(user, ct), null, null, $"{user.Email} is now a {roleName}: their sessions end, and they sign in again with it.");
    }

    /// <summary>Disables the person: they cannot sign in, and a session they have ends at its next check. Never the last active Administrator.</summary>
    public async Task<PersonChange> DisableAsync(Guid personId, Guid? changedBy, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await HoldAdministratorsAsync(ct);
        if (await people.FindByIdAsync(personId.ToString()) is not { } user)
        {
            return NoSuchPerson();
        }

        if (!user.Disabled && await IsLastActiveAdministratorAsync(user, ct))
        {
            return PersonChange.Refused(PersonChange.WholeForm, LastAdministrator(user, changedBy, "disable yourself", "disable them"));
        }

        // A new security stamp makes the cookies issued before it fail their next check (SignInServices.SecurityStampInterval).
        user.Disabled = true;
        var result = await people.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        await transaction.CommitAsync(ct);
        return new PersonChange(await EntryAsync(user, ct), null, null, $"Disabled {user.Email}: they cannot sign in, and their sessions end.");
    }

    /// <summary>Lets a disabled person sign in again, with the password they had.</summary>
    public async Task<PersonChange> EnableAsync(Guid personId, CancellationToken ct)
    {
        if (await people.FindByIdAsync(personId.ToString()) is not { } user)
        {
            return NoSuchPerson();
        }

        user.Disabled = false;
        var result = await people.UpdateAsync(user);
        return result.Succeeded
            ? new PersonChange(await EntryAsync(user, ct), null, null, $"Enabled {user.Email}: they can sign in again.")
            : Refused(result);
    }

    /// <summary>
    /// Gives the person a new generated password, which the answer holds this once, and lifts a lockout: the old password
    /// and the sessions made with it end.
    /// </summary>
    public async Task<PersonChange> ResetPasswordAsync(Guid personId, CancellationToken ct)
    {
        if (await people.FindByIdAsync(personId.ToString()) is not { } user)
        {
            return NoSuchPerson();
        }

        var password = GeneratedPassword.New();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await people.RemovePasswordAsync(user);
        if (result.Succeeded)
        {
            result = await people.AddPasswordAsync(user, password);
        }

        if (result.Succeeded)
        {
            result = await people.SetLockoutEndDateAsync(user, null);
        }

        if (result.Succeeded)
        {
            result = await people.ResetAccessFailedCountAsync(user);
        }

        if (!result.Succeeded)
        {
            return Refused(result);
        }

        await transaction.CommitAsync(ct);
        return new PersonChange(await EntryAsync(user, ct), password, null, $"{user.Email} has a new password; the old one and their sessions have ended.");
    }

    private static string? RoleOf(string? role, Dictionary<string, string[]> errors)
    {
        if (PersonRoles.Find(role?.Trim() ?? "") is { } found)
        {
            return found;
        }

        errors["role"] = [string.IsNullOrWhiteSpace(role)
            ? $"The role is required: one of {RoleChoices}."
            : $"Unknown role '{role}': use {RoleChoices}."];
        return null;
    }

    /// <summary>
    /// Holds the Administrator role's row until the transaction ends, with an UPDATE that changes nothing: PostgreSQL
    /// locks the row, SQLite takes its one write lock. Every change that could take away an Administrator holds it before
    /// <see cref="IsLastActiveAdministratorAsync"/>, so two such changes (two Administrators demoting each other, on one
    /// process or two) run one after the other, and the second sees the first: one of them is refused, not both done.
    /// </summary>
    private async Task HoldAdministratorsAsync(CancellationToken ct) =>
        await db.Roles.Where(r => r.Name == PersonRoles.Administrator)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ConcurrencyStamp, r => r.ConcurrencyStamp), ct);

    /// <summary>Whether <paramref name="user"/> is an active Administrator and no other is: Fieldlink keeps one who can sign in.</summary>
    private async Task<bool> IsLastActiveAdministratorAsync(FieldlinkUser user, CancellationToken ct)
    {
        var active = await (
            from link in db.UserRoles
            join role in db.Roles on link.RoleId equals role.Id
            join person in db.Users on link.UserId equals person.Id
            where role.Name == PersonRoles.Administrator && !person.Disabled
            select person.Id).Take(2).ToListAsync(ct);
        return active is [var only] && only == user.Id;
    }

    private static string LastAdministrator(FieldlinkUser user, Guid? changedBy, string ownAction, string otherAction) => changedBy == user.Id
        ? $"You are the last active Administrator: make another person an Administrator before you {ownAction}."
        : $"{user.Email} is the last active Administrator: make another person an Administrator before you {otherAction}.";

    private async Task<PersonEntry> EntryAsync(FieldlinkUser user, CancellationToken ct) =>
        Entry(user, await RolesAsync(user.Id, ct), time.GetUtcNow());

    private async Task<ILookup<Guid, string>> RolesAsync(Guid? personId, CancellationToken ct)
    {
        var links = from link in db.UserRoles
                    join role in db.Roles on link.RoleId equals role.Id
                    where personId == null || link.UserId == personId
                    select new { link.UserId, role.Name };
        return (await links.AsNoTracking().ToListAsync(ct)).ToLookup(l => l.UserId, l => l.Name!);
    }

    private static PersonEntry Entry(FieldlinkUser user, ILookup<Guid, string> roles, DateTimeOffset now) => new(
        user.Id,
        user.Email ?? user.UserName ?? "",
        user.DisplayName,
        PersonRoles.All.FirstOrDefault(r => roles[user.Id].Contains(r, StringComparer.Ordinal)),
        user.Disabled,
        user.LockoutEnd is { } until && until > now ? until : null,
        user.CreatedAt);

    private static PersonChange NoSuchPerson() => PersonChange.Refused(PersonChange.WholeForm, "This person no longer exists.");

    /// <summary>Identity's refusal, on the field it concerns (the e-mail is also the user name).</summary>
    private static PersonChange Refused(IdentityResult result) => new(null, null, result.Errors
        .GroupBy(e => FieldOf(e.Code), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray(), StringComparer.Ordinal));

    private static string FieldOf(string code) => code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
            or nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "email",
        nameof(IdentityErrorDescriber.UserAlreadyInRole) or nameof(IdentityErrorDescriber.UserNotInRole) or nameof(IdentityErrorDescriber.InvalidRoleName) => "role",
        _ => PersonChange.WholeForm,
    };
}
