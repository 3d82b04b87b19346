using System.CommandLine;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Auth;

namespace Fieldlink.Server.Cli;

/// <summary>
/// <c>fieldlink users create|list|disable</c>: the people who sign in to the web app, from the console, through the same
/// <see cref="PeopleAdministration"/> as the people page (its checks, its refusal to disable the last Administrator).
/// </summary>
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
            await using var store = await openStore(result, ct);
            var change = await store.ServiceProvider.GetRequiredService<PeopleAdministration>()
                .CreateAsync(result.GetValue(email), null, result.GetValue(role), ct);
            if (!change.Succeeded)
            {
                return await FailAsync(result, change);
            }

            await result.InvocationConfiguration.Output.WriteLineAsync(change.Password);
            return 0;
        });
        users.Subcommands.Add(create);

        var list = new Command("list", "Lists people: e-mail, role, state (active, disabled, locked until), created.");
        list.SetAction(async (result, ct) =>
        {
            await using var store = await openStore(result, ct);
            foreach (var person in await store.ServiceProvider.GetRequiredService<PeopleAdministration>().ListAsync(ct))
            {
                await result.InvocationConfiguration.Output.WriteLineAsync($"{person.Email}  {person.Role,-13}  {person.State}  created {person.CreatedAt:u}");
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
            var people = store.ServiceProvider.GetRequiredService<PeopleAdministration>();
            if (await people.IdOfAsync(address) is not { } id)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"fieldlink: No person has the e-mail {address}.");
                return 1;
            }

            var change = await people.DisableAsync(id, changedBy: null, ct);
            if (!change.Succeeded)
            {
                return await FailAsync(result, change);
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"Disabled {change.Person!.Email}.");
            return 0;
        });
        users.Subcommands.Add(disable);
        return users;
    }

    /// <summary>Every error in one line; exit code 2 for an argument that is wrong in itself, 1 for a refusal of the store.</summary>
    private static async Task<int> FailAsync(ParseResult result, PersonChange change)
    {
        await result.InvocationConfiguration.Error.WriteLineAsync($"fieldlink: {string.Join(" ", change.Errors!.SelectMany(e => e.Value))}");
        return change.InputInvalid ? 2 : 1;
    }
}
