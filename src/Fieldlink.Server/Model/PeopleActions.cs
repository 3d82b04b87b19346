using System.Security.Claims;
using Fieldlink.Server.Auth;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the people page reads and does, through <see cref="PeopleAdministration"/> (the checks <c>fieldlink users</c>
/// makes too), each in a scope of its own. Each change asks first whether its person is an Administrator, and names
/// them, so the last active Administrator is told it is they who would be locked out.
/// </summary>
public sealed class PeopleActions(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<PersonEntry>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PeopleAdministration>().ListAsync(ct);
    }

    /// <summary>Creates a person; their generated password is in the answer, this once.</summary>
    public Task<PersonChange> CreateAsync(ClaimsPrincipal person, string? email, string? displayName, string? role, CancellationToken ct) =>
        ActAsync(person, (people, _) => people.CreateAsync(email, displayName, role, ct));

    public Task<PersonChange> ChangeRoleAsync(ClaimsPrincipal person, Guid personId, string? role, CancellationToken ct) =>
        ActAsync(person, (people, by) => people.ChangeRoleAsync(personId, role, by, ct));

    public Task<PersonChange> DisableAsync(ClaimsPrincipal person, Guid personId, CancellationToken ct) =>
        ActAsync(person, (people, by) => people.DisableAsync(personId, by, ct));

    public Task<PersonChange> EnableAsync(ClaimsPrincipal person, Guid personId, CancellationToken ct) =>
        ActAsync(person, (people, _) => people.EnableAsync(personId, ct));

    /// <summary>Gives the person a new password; it is in the answer, this once.</summary>
    public Task<PersonChange> ResetPasswordAsync(ClaimsPrincipal person, Guid personId, CancellationToken ct) =>
        ActAsync(person, (people, _) => people.ResetPasswordAsync(personId, ct));

    private async Task<PersonChange> ActAsync(ClaimsPrincipal person, Func<PeopleAdministration, Guid?, Task<PersonChange>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return PersonChange.Refused(PersonChange.WholeForm, PersonCheck.AdministratorsOnly);
        }

        var by = Guid.TryParse(person.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        return await change(scope.ServiceProvider.GetRequiredService<PeopleAdministration>(), by);
    }
}
