using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Assets;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>Loads a page of the accounts list through the API's collection query layer, with each account's asset count.</summary>
public sealed class AccountList(IServiceScopeFactory scopes)
{
    private static readonly AccountResource Resource = new();

    public async Task<ListPage<AccountRow>> LoadAsync(AccountListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (accounts, total) = await StoreQuery.PageAsync(db.Accounts.AsNoTracking(), Resource, request.ToQueryOptions(), ct);
        var ids = accounts.Select(a => a.Id).ToList();
        var assets = await db.CustomerAssets.AsNoTracking().Where(c => c.AccountId != null && ids.Contains(c.AccountId.Value))
            .GroupBy(c => c.AccountId!.Value).Select(g => new { Account = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Account, g => g.Count, ct);
        var rows = accounts.Select(a => new AccountRow(a.Id, a.Name, a.AccountNumber, a.Email, a.Phone, assets.GetValueOrDefault(a.Id))).ToList();
        return new(rows, total);
    }
}
