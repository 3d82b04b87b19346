using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Auth;

/// <summary>
/// Two changes that would each leave one Administrator, made at the same time, cannot both pass the last-Administrator
/// check: one waits for the other and is refused, on each store.
/// </summary>
public abstract class LastAdministratorTests(FieldlinkServer server)
{
    [Fact]
    public async Task An_administrator_change_waits_for_one_in_flight_and_sees_it()
    {
        var first = await NewAdministratorAsync();
        var second = await NewAdministratorAsync();
        await DisableAdministratorsExceptAsync(first, second);

        // Another change, mid-flight: it holds the Administrator role as every such change does, and disables the first.
        using var otherScope = server.Services.CreateScope();
        var other = otherScope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        await using (var transaction = await other.Database.BeginTransactionAsync())
        {
            await other.Roles.Where(r => r.Name == PersonRoles.Administrator)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ConcurrencyStamp, r => r.ConcurrencyStamp));

            // Disabling the second now: had it checked without waiting, it would see two Administrators and go ahead.
            var disableSecond = Task.Run(async () =>
            {
                using var scope = server.Services.CreateScope();
                return await scope.ServiceProvider.GetRequiredService<PeopleAdministration>().DisableAsync(second, changedBy: first, CancellationToken.None);
            });
            await Task.Delay(TimeSpan.FromMilliseconds(500));

            await other.Users.Where(u => u.Id == first).ExecuteUpdateAsync(set => set.SetProperty(u => u.Disabled, true));
            await transaction.CommitAsync();

            var refused = await disableSecond;
            Assert.False(refused.Succeeded);
            Assert.Contains("last active Administrator", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal([second], await ActiveAdministratorsAsync());
    }

    private async Task<Guid> NewAdministratorAsync()
    {
        using var scope = server.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<PeopleAdministration>()
            .CreateAsync($"{Guid.NewGuid():N}@example.com", null, PersonRoles.Administrator, CancellationToken.None);
        Assert.True(created.Succeeded, created.Message);
        return created.Person!.Id;
    }

    private async Task DisableAdministratorsExceptAsync(params Guid[] kept)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        foreach (var other in (await users.GetUsersInRoleAsync(PersonRoles.Administrator)).Where(u => !kept.Contains(u.Id)))
        {
            other.Disabled = true;
            Assert.True((await users.UpdateAsync(other)).Succeeded);
        }
    }

    private async Task<Guid[]> ActiveAdministratorsAsync()
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        return [.. (await users.GetUsersInRoleAsync(PersonRoles.Administrator)).Where(u => !u.Disabled).Select(u => u.Id)];
    }
}

public sealed class LastAdministratorOnSqliteTests(SqliteServer server) : LastAdministratorTests(server), IClassFixture<SqliteServer>;

public sealed class LastAdministratorOnPostgresTests(PostgresServer server) : LastAdministratorTests(server), IClassFixture<PostgresServer>;
