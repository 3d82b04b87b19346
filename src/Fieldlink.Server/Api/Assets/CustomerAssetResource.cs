using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Assets;

/// <summary>The <c>customerAssets</c> collection.</summary>
public sealed class CustomerAssetResource : CollectionResource<CustomerAsset, CustomerAssetWrite, CustomerAssetRead>
{
    public override string Collection => "customerAssets";

    public override string Noun => "customer asset";

    public override CustomerAssetRead ToRead(CustomerAsset entity) =>
        new(entity.Id, entity.Name, entity.AccountId, entity.SerialNumber, entity.Location, entity.ActiveAlertCount, entity.LastAlertAt, entity.CreatedAt, entity.UpdatedAt);

    public override CustomerAssetWrite ToWrite(CustomerAsset entity) => new(entity.Name, entity.AccountId, entity.SerialNumber, entity.Location);

    public override async Task ValidateAsync(CustomerAssetWrite write, CustomerAsset? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        errors.Required("name", write.Name);
        errors.Optional("serialNumber", write.SerialNumber, 100);
        errors.Optional("location", write.Location, 1000);
        await References.CheckAsync<Account>(db, errors, "accountId", write.AccountId, "account", cancellationToken);
    }

    public override CustomerAsset Create(CustomerAssetWrite write)
    {
        var asset = new CustomerAsset { Name = string.Empty };
        Apply(write, asset);
        return asset;
    }

    public override void Apply(CustomerAssetWrite write, CustomerAsset entity)
    {
        entity.Name = write.Name!.Trim();
        entity.AccountId = write.AccountId;
        entity.SerialNumber = string.IsNullOrWhiteSpace(write.SerialNumber) ? null : write.SerialNumber.Trim();
        entity.Location = string.IsNullOrWhiteSpace(write.Location) ? null : write.Location.Trim();
    }

    public override async Task<string?> FindDeleteConflictAsync(CustomerAsset entity, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        var devices = await db.Devices.CountAsync(d => d.CustomerAssetId == entity.Id, cancellationToken);
        return devices == 0 ? null : $"The customer asset still has {devices} device(s); move or delete them first.";
    }

    public override IOrderedQueryable<CustomerAsset> DefaultOrder(IQueryable<CustomerAsset> source) => source.OrderBy(a => a.Name);
}
