using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Fieldlink.Core.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Cli;

/// <summary><c>fieldlink users create|list|disable</c>: the people who sign in to the web app, from the console.</summary>
public static class UsersCommand
{
    public static Command Create(Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> openStore)
    {
        var users = new Command("users", "Creates, lists and disables the people who sign in to the web app.");

        var email = new Option<string>("--email") { Description = "The person's e-mail, which they sign in with.", Required = true };
        var role = new Option<string>("--role") { Description = string.Join(", ", PersonRoles.All) + ".", Required = true };
        var create = new Command("create", "Creates a person and prints their generated password once; it cannot be shown again.") { email, role };
        create.SetAction(async (result, ct) =>
        {
            var address = result.GetValue(email)!.Trim();
            if (PersonRoles.Find(result.GetValue(role)!) is not { } roleName)
            {
                return await FailAsync(result, $"Unknown role '{result.GetValue(role)}': use {string.Join(", ", PersonRoles.All)}.", 2);
            }

            if (!new EmailAddressAttribute().IsValid(address))
            {
                return await FailAsync(result, $"'{address}' is not an e-mail address.", 2);
            }

            await using var store = await openStore(result, ct);
            var manager = store.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
            if (await manager.FindByEmailAsync(address) is not null)
            {
                return await FailAsync(result, $"A person with the e-mail {address} exists already.", 1);
            }

            var password = GeneratedPassword.New();
            var user = new FieldlinkUser { UserName = address, Email = address, CreatedAt = store.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() };
            var created = await manager.CreateAsync(user, password);
            if (created.Succeeded)
            {
                created = await manager.AddToRoleAsync(user, roleName);
            }

            if (!created.Succeeded)
            {
                return await FailAsync(result, string.Join(" ", created.Errors.Select(e => e.Description)), 1);
            }

            await result.InvocationConfiguration.Output.WriteLineAsync(password);
            return 0;
        });
        users.Subcommands.Add(create);

        var list = new Command("list", "Lists people: e-mail, role, state (active, disabled, locked until), created.");
        list.SetAction(async (result, ct) =>
        {
            await using var store = await openStore(result, ct);
            var db = store.ServiceProvider.GetRequiredService<Core.Data.FieldlinkDbContext>();
            var now = store.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            var people = await db.Users.OrderBy(u => u.Email).ToListAsync(ct);
            var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
            foreach (var person in people)
            {
                var personRoles = string.Join(",", roles.Where(r => r.UserId == person.Id).Select(r => r.Name).Order());
                var state = person.Disabled ? "disabled" : person.LockoutEnd is { } until && until > now ? $"locked until {until:u}" : "active";
                await result.InvocationConfiguration.Output.WriteLineAsync($"{person.Email}  {personRoles,-13}  {state}  created {person.CreatedAt:u}");
            }

            return 0;
        });
        users.Subcommands.Add(list);

        var which = new Option<string>("--email") { Description = "The e-mail of the person to disable.", Required = true };
        var disable = new Command("disable", "Disables a person: they cannot sign in, and a session they have ends within a minute.") { which };
        disable.SetAction(async (result, ct) =>
        {
            var address = result.GetValue(which)!.Trim();
            await using var store = await openStore(result, ct);
            var manager = store.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
            if (await manager.FindByEmailAsync(address) is not { } user)
            {
                return await FailAsync(result, $"No person has the e-mail {address}.", 1);
            }

            // A new security stamp makes the cookies issued before it fail their next check (SignInServices.SecurityStampInterval).
            user.Disabled = true;
            var updated = await manager.UpdateSecurityStampAsync(user);
            if (!updated.Succeeded)
            {
                return await FailAsync(result, string.Join(" ", updated.Errors.Select(e => e.Description)), 1);
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"Disabled {user.Email}.");
            return 0;
        });
        users.Subcommands.Add(disable);
        return users;
    }

    private static async Task<int> FailAsync(ParseResult result, string reason, int exitCode)
    {
        await result.InvocationConfiguration.Error.WriteLineAsync($"fieldlink: {reason}");
        return exitCode;
    }
}
