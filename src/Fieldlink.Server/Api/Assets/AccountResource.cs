using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Assets;

/// <summary>The <c>accounts</c> collection.</summary>
public sealed class AccountResource : CollectionResource<Account, AccountWrite, AccountRead>
{
    public override string Collection => "accounts";

    public override string Noun => "account";

    public override AccountRead ToRead(Account entity) =>
        new(entity.Id, entity.Name, entity.AccountNumber, entity.Email, entity.Phone, entity.Address, entity.CreatedAt, entity.UpdatedAt);

    public override AccountWrite ToWrite(Account entity) => new(entity.Name, entity.AccountNumber, entity.Email, entity.Phone, entity.Address);

    public override Task ValidateAsync(AccountWrite write, Account? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        errors.Required("name", write.Name);
        errors.Optional("accountNumber", write.AccountNumber, 100);
        if (errors.Optional("email", write.Email) is { } email && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("email", "The email must be an e-mail address.");
        }

        errors.Optional("phone", write.Phone, 50);
        errors.Optional("address", write.Address, 1000);
        return Task.CompletedTask;
    }

    public override Account Create(AccountWrite write)
    {
        var account = new Account { Name = string.Empty };
        Apply(write, account);
        return account;
    }

    public override void Apply(AccountWrite write, Account entity)
    {
        entity.Name = write.Name!.Trim();
        entity.AccountNumber = Trimmed(write.AccountNumber);
        entity.Email = Trimmed(write.Email);
        entity.Phone = Trimmed(write.Phone);
        entity.Address = Trimmed(write.Address);
    }

    public override async Task<string?> FindDeleteConflictAsync(Account entity, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        var assets = await db.CustomerAssets.CountAsync(a => a.AccountId == entity.Id, cancellationToken);
        var devices = await db.Devices.CountAsync(d => d.AccountId == entity.Id, cancellationToken);
        return assets + devices == 0 ? null : $"The account still has {assets} customer asset(s) and {devices} device(s); move or delete them first.";
    }

    public override IOrderedQueryable<Account> DefaultOrder(IQueryable<Account> source) => source.OrderBy(a => a.Name);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
