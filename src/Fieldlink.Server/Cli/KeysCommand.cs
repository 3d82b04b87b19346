using System.CommandLine;
using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Cli;

/// <summary><c>fieldlink keys create|list|revoke</c>: API keys from the console, for the first key and for operators.</summary>
public static class KeysCommand
{
    public static Command Create(Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> openStore)
    {
        var keys = new Command("keys", "Creates, lists and revokes API keys.");

        var role = new Option<ApiKeyRole>("--role") { Description = "Administrator, Dispatcher, Technician or Endpoint.", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. 'dispatch console'.", Required = true };
        var instance = new Option<Guid?>("--instance") { Description = "For an Endpoint key: the provider instance it ingests for." };
        var create = new Command("create", "Creates a key and prints it once; it cannot be shown again.") { role, name, instance };
        create.SetAction(async (result, ct) =>
        {
            var keyRole = result.GetValue(role);
            var instanceId = result.GetValue(instance);
            if (keyRole == ApiKeyRole.Endpoint && instanceId is null)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync("An Endpoint key needs --instance <provider instance id>.");
                return 2;
            }

            await using var store = await openStore(result, ct);
            var (key, secret) = await store.ServiceProvider.GetRequiredService<ApiKeyStore>()
                .CreateAsync(result.GetValue(name)!, keyRole, keyRole == ApiKeyRole.Endpoint ? instanceId : null, ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(secret);
            await result.InvocationConfiguration.Error.WriteLineAsync($"Created {key.Role} key '{key.Name}' ({key.Id}). Keep it now: it is not shown again.");
            return 0;
        });
        keys.Subcommands.Add(create);

        var list = new Command("list", "Lists keys: id, prefix, role, name, created, last used, revoked.");
        list.SetAction(async (result, ct) =>
        {
            await using var store = await openStore(result, ct);
            foreach (var key in await store.ServiceProvider.GetRequiredService<ApiKeyStore>().ListAsync(ct))
            {
                var revoked = key.RevokedAt is { } at ? $"revoked {at:u}" : "active";
                var used = key.LastUsedAt is { } usedAt ? $"last used {usedAt:u}" : "never used";
                await result.InvocationConfiguration.Output.WriteLineAsync($"{key.Id}  {key.Prefix}…  {key.Role,-13}  {key.Name}  created {key.CreatedAt:u}  {used}  {revoked}");
            }

            return 0;
        });
        keys.Subcommands.Add(list);

        var which = new Argument<string>("key") { Description = "The key's id, or its prefix as 'keys list' shows it." };
        var revoke = new Command("revoke", "Revokes a key; requests with it are refused from then on.") { which };
        revoke.SetAction(async (result, ct) =>
        {
            await using var store = await openStore(result, ct);
            var target = result.GetValue(which)!.TrimEnd('…');
            if (!await store.ServiceProvider.GetRequiredService<ApiKeyStore>().RevokeAsync(target, ct))
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"No single key matches '{target}'.");
                return 1;
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"Revoked {target}.");
            return 0;
        });
        keys.Subcommands.Add(revoke);
        return keys;
    }
}
