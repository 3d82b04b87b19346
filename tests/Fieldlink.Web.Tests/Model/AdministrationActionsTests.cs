using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Keys;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// What the API keys and people pages do, called as the pages call them, on a real server and store: a key made with the
/// API's checks and its secret given once, a revoked key refused; a person made, given another role, disabled, enabled and
/// given a new password through Identity, with each refusal on its field; the last active Administrator kept; and a
/// Technician refused everything, with nothing written.
/// </summary>
public abstract class AdministrationActionsTests(FieldlinkServer server)
{
    private static readonly ClaimsPrincipal Technician = Person(PersonRoles.Technician, Guid.NewGuid());

    private ApiKeyActions Keys => server.Services.GetRequiredService<ApiKeyActions>();

    private PeopleActions People => server.Services.GetRequiredService<PeopleActions>();

    [Fact]
    public async Task A_key_is_made_with_the_APIs_checks_its_secret_given_once_and_refused_once_revoked()
    {
        var admin = await AdministratorAsync();
        var endpoint = await Keys.CreateAsync(admin, new ApiKeyWrite("vendor", ApiKeyRole.Endpoint, null), CancellationToken.None);
        Assert.False(endpoint.Succeeded);
        Assert.Contains("must name the provider instance", Assert.Single(endpoint.Errors!["providerInstanceId"]), StringComparison.Ordinal);
        var nameless = await Keys.CreateAsync(admin, new ApiKeyWrite(" ", null, null), CancellationToken.None);
        Assert.Equal(["name", "role"], nameless.Errors!.Keys.Order());

        var name = $"console {Guid.NewGuid():N}";
        var issue = await Keys.CreateAsync(admin, new ApiKeyWrite($"  {name} ", ApiKeyRole.Dispatcher, null), CancellationToken.None);

        Assert.True(issue.Succeeded);
        Assert.StartsWith(ApiKeySecret.Scheme, issue.Secret, StringComparison.Ordinal);
        var row = Assert.Single(await Keys.ListAsync(CancellationToken.None), k => k.Id == issue.Key!.Id);
        Assert.Equal((name, ApiKeyRole.Dispatcher, (DateTimeOffset?)null), (row.Name, row.Role, row.RevokedAt));
        Assert.True(issue.Secret!.StartsWith(row.Prefix, StringComparison.Ordinal) && row.Prefix.Length < issue.Secret.Length);
        Assert.NotNull(await FindActiveAsync(issue.Secret));

        var revoked = await Keys.RevokeAsync(admin, row.Id, CancellationToken.None);

        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.Null(await FindActiveAsync(issue.Secret));
        Assert.NotNull(Assert.Single(await Keys.ListAsync(CancellationToken.None), k => k.Id == row.Id).RevokedAt);
        Assert.False((await Keys.RevokeAsync(admin, Guid.NewGuid(), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task An_endpoint_key_names_its_provider_instance_in_the_list()
    {
        var admin = await AdministratorAsync();
        var instance = await Registry.InstanceAsync(server.Client());
        var offered = Assert.Single(await Keys.InstancesAsync(CancellationToken.None), i => i.Id == instance.Id());

        var issue = await Keys.CreateAsync(admin, new ApiKeyWrite("vendor", ApiKeyRole.Endpoint, offered.Id), CancellationToken.None);

        Assert.True(issue.Succeeded);
        var row = Assert.Single(await Keys.ListAsync(CancellationToken.None), k => k.Id == issue.Key!.Id);
        Assert.Equal((offered.Id, offered.Name), (row.ProviderInstanceId!.Value, row.ProviderInstance));
    }

    [Fact]
    public async Task A_person_is_made_with_a_password_given_once_and_refused_on_the_field_when_the_email_is_wrong_or_taken()
    {
        var admin = await AdministratorAsync();
        var email = $"{Guid.NewGuid():N}@example.com";

        var invalid = await People.CreateAsync(admin, "not an e-mail", null, PersonRoles.Technician, CancellationToken.None);
        var noRole = await People.CreateAsync(admin, email, null, null, CancellationToken.None);
        var created = await People.CreateAsync(admin, $" {email} ", "  Tess Technician ", PersonRoles.Technician, CancellationToken.None);
        var duplicate = await People.CreateAsync(admin, email.ToUpperInvariant(), null, PersonRoles.Dispatcher, CancellationToken.None);

        Assert.True(invalid.InputInvalid);
        Assert.Contains("is not an e-mail address", Assert.Single(invalid.Errors!["email"]), StringComparison.Ordinal);
        Assert.Contains("Administrator, Dispatcher, Technician", Assert.Single(noRole.Errors!["role"]), StringComparison.Ordinal);
        Assert.True(created.Succeeded, created.Message);
        Assert.Equal((email, "Tess Technician", PersonRoles.Technician, "active"), (created.Person!.Email, created.Person.DisplayName, created.Person.Role, created.Person.State));
        Assert.Equal(GeneratedPassword.Length, created.Password!.Length);
        Assert.True(await PasswordWorksAsync(email, created.Password));
        Assert.False(duplicate.InputInvalid);
        Assert.Contains("exists already", Assert.Single(duplicate.Errors!["email"]), StringComparison.Ordinal);
        Assert.Single(await People.ListAsync(CancellationToken.None), p => p.Email == email);
    }

    [Fact]
    public async Task A_role_change_a_disable_and_a_new_password_each_renew_the_stamp_so_the_persons_sessions_end()
    {
        var admin = await AdministratorAsync();
        var person = (await People.CreateAsync(admin, $"{Guid.NewGuid():N}@example.com", null, PersonRoles.Technician, CancellationToken.None)).Person!;
        var stamp = await StampAsync(person.Id);

        var promoted = await People.ChangeRoleAsync(admin, person.Id, "dispatcher", CancellationToken.None);

        Assert.True(promoted.Succeeded, promoted.Message);
        Assert.Equal(PersonRoles.Dispatcher, promoted.Person!.Role);
        Assert.Equal([PersonRoles.Dispatcher], await RolesAsync(person.Id));
        Assert.NotEqual(stamp, stamp = await StampAsync(person.Id));

        var disabled = await People.DisableAsync(admin, person.Id, CancellationToken.None);

        Assert.Equal((true, "disabled"), (disabled.Succeeded, disabled.Person!.State));
        Assert.NotEqual(stamp, stamp = await StampAsync(person.Id));
        Assert.Equal("active", (await People.EnableAsync(admin, person.Id, CancellationToken.None)).Person!.State);

        using (var scope = server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
            var user = (await users.FindByIdAsync(person.Id.ToString()))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(10));
        }

        Assert.NotNull(Assert.Single(await People.ListAsync(CancellationToken.None), p => p.Id == person.Id).LockedUntil);
        var reset = await People.ResetPasswordAsync(admin, person.Id, CancellationToken.None);

        Assert.True(reset.Succeeded, reset.Message);
        Assert.Null(reset.Person!.LockedUntil);
        Assert.True(await PasswordWorksAsync(person.Email, reset.Password!));
        Assert.NotEqual(stamp, await StampAsync(person.Id));
    }

    [Fact]
    public async Task The_last_active_administrator_may_neither_be_disabled_nor_demoted_and_is_told_why()
    {
        var admin = await AdministratorAsync();
        var me = Guid.Parse(admin.FindFirstValue(ClaimTypes.NameIdentifier)!);
        await DisableOtherAdministratorsAsync(me);

        var disable = await People.DisableAsync(admin, me, CancellationToken.None);
        var demote = await People.ChangeRoleAsync(admin, me, PersonRoles.Dispatcher, CancellationToken.None);

        Assert.Contains("You are the last active Administrator", Assert.Single(disable.Errors![PersonChange.WholeForm]), StringComparison.Ordinal);
        Assert.Contains("You are the last active Administrator", Assert.Single(demote.Errors!["role"]), StringComparison.Ordinal);
        var still = Assert.Single(await People.ListAsync(CancellationToken.None), p => p.Id == me);
        Assert.Equal((PersonRoles.Administrator, "active"), (still.Role, still.State));

        // With a second Administrator, the first may step down.
        var other = await People.CreateAsync(admin, $"{Guid.NewGuid():N}@example.com", null, PersonRoles.Administrator, CancellationToken.None);
        Assert.True(other.Succeeded, other.Message);
        Assert.True((await People.ChangeRoleAsync(admin, me, PersonRoles.Dispatcher, CancellationToken.None)).Succeeded);
        var last = await People.DisableAsync(Person(PersonRoles.Administrator, me), other.Person!.Id, CancellationToken.None);
        Assert.Contains($"{other.Person.Email} is the last active Administrator", last.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_technician_is_refused_every_change_and_nothing_is_written()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var admin = await AdministratorAsync();
        var person = (await People.CreateAsync(admin, $"{Guid.NewGuid():N}@example.com", null, PersonRoles.Dispatcher, CancellationToken.None)).Person!;
        var key = await Keys.CreateAsync(admin, new ApiKeyWrite("kept", ApiKeyRole.Technician, null), CancellationToken.None);

        var replies = new[]
        {
            (await Keys.CreateAsync(Technician, new ApiKeyWrite("escalate", ApiKeyRole.Administrator, null), CancellationToken.None)).Errors![PersonChange.WholeForm][0],
            (await Keys.RevokeAsync(Technician, key.Key!.Id, CancellationToken.None)).Message,
            (await People.CreateAsync(Technician, email, null, PersonRoles.Administrator, CancellationToken.None)).Message,
            (await People.ChangeRoleAsync(Technician, person.Id, PersonRoles.Administrator, CancellationToken.None)).Message,
            (await People.DisableAsync(Technician, person.Id, CancellationToken.None)).Message,
            (await People.ResetPasswordAsync(Technician, person.Id, CancellationToken.None)).Message,
        };

        Assert.All(replies, message => Assert.Equal("Your role may not change this: only an Administrator may.", message));
        Assert.NotNull(await FindActiveAsync(key.Secret!));
        Assert.DoesNotContain(await People.ListAsync(CancellationToken.None), p => p.Email == email);
        var unchanged = Assert.Single(await People.ListAsync(CancellationToken.None), p => p.Id == person.Id);
        Assert.Equal((PersonRoles.Dispatcher, "active"), (unchanged.Role, unchanged.State));
        Assert.DoesNotContain(await Keys.ListAsync(CancellationToken.None), k => k.Name == "escalate");
    }

    /// <summary>A stored Administrator, as the page's circuit knows them: their id and role.</summary>
    private async Task<ClaimsPrincipal> AdministratorAsync()
    {
        using var scope = server.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<PeopleAdministration>()
            .CreateAsync($"{Guid.NewGuid():N}@example.com", null, PersonRoles.Administrator, CancellationToken.None);
        Assert.True(created.Succeeded, created.Message);
        return Person(PersonRoles.Administrator, created.Person!.Id);
    }

    private async Task DisableOtherAdministratorsAsync(Guid me)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        foreach (var other in (await users.GetUsersInRoleAsync(PersonRoles.Administrator)).Where(u => u.Id != me))
        {
            other.Disabled = true;
            Assert.True((await users.UpdateAsync(other)).Succeeded);
        }
    }

    private async Task<ApiKey?> FindActiveAsync(string secret)
    {
        using var scope = server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().FindActiveAsync(secret, CancellationToken.None);
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    private async Task<string?> StampAsync(Guid id)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync();
    }

    private async Task<List<string>> RolesAsync(Guid id)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        return [.. await users.GetRolesAsync((await users.FindByIdAsync(id.ToString()))!)];
    }

    private static ClaimsPrincipal Person(string role, Guid id) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, $"{role}@example.com"), new Claim(ClaimTypes.Role, role)], "test"));
}

public sealed class AdministrationActionsOnSqliteTests(SqliteServer server) : AdministrationActionsTests(server), IClassFixture<SqliteServer>;

public sealed class AdministrationActionsOnPostgresTests(PostgresServer server) : AdministrationActionsTests(server), IClassFixture<PostgresServer>;
