using System.Text.Json.Nodes;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Devices;

/// <summary>The <c>devices</c> collection.</summary>
public sealed class DeviceResource : CollectionResource<Device, DeviceWrite, DeviceRead>
{
    private const int MaxTags = 50;
    private const int MaxTagLength = 50;

    public override string Collection => "devices";

    public override string Noun => "device";

    public override DeviceRead ToRead(Device entity) => new(
        entity.Id,
        entity.Name,
        entity.DeviceId,
        entity.ProviderInstanceId,
        entity.AccountId,
        entity.CategoryId,
        entity.CustomerAssetId,
        entity.TimeZone,
        entity.Simulated,
        entity.RegistrationStatus,
        entity.RegistrationMessage,
        entity.ConnectionState,
        entity.ConnectionStateChangedAt,
        entity.LastActivityAt,
        JsonNode.Parse(entity.ReportedProperties) as JsonObject ?? [],
        entity.Tags,
        entity.Tiles is null ? null : DefinitionWrites.FromTiles(entity.Tiles),
        entity.CreatedAt,
        entity.UpdatedAt);

    public override DeviceWrite ToWrite(Device entity) => new(
        entity.Name,
        entity.DeviceId,
        entity.ProviderInstanceId,
        entity.AccountId,
        entity.CategoryId,
        entity.CustomerAssetId,
        entity.TimeZone,
        entity.Simulated,
        entity.RegistrationStatus,
        entity.RegistrationMessage,
        entity.Tags,
        entity.Tiles is null ? null : DefinitionWrites.FromTiles(entity.Tiles));

    public override async Task ValidateAsync(DeviceWrite write, Device? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        errors.Required("name", write.Name);
        errors.Required("deviceId", write.DeviceId);
        errors.Optional("registrationMessage", write.RegistrationMessage, 2000);
        if (!string.IsNullOrWhiteSpace(write.TimeZone) && !TimeZoneIds.TryNormalize(write.TimeZone, out _))
        {
            errors.Add("timeZone", $"'{write.TimeZone}' is not a known time zone; use an IANA id such as 'Europe/Berlin' (a Windows id is also accepted).");
        }

        var tags = write.Tags ?? [];
        if (tags.Count > MaxTags)
        {
            errors.Add("tags", $"A device has at most {MaxTags} tags.");
        }

        if (tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > MaxTagLength))
        {
            errors.Add("tags", $"A tag is 1 to {MaxTagLength} characters.");
        }

        if (write.ProviderInstanceId is null)
        {
            errors.Add("providerInstanceId", "The providerInstanceId field is required (IoT settings name no default provider instance).");
        }

        await References.CheckAsync<ProviderInstance>(db, errors, "providerInstanceId", write.ProviderInstanceId, "provider instance", cancellationToken);
        await References.CheckAsync<Account>(db, errors, "accountId", write.AccountId, "account", cancellationToken);
        await References.CheckAsync<DeviceCategory>(db, errors, "categoryId", write.CategoryId, "device category", cancellationToken);
        await References.CheckAsync<CustomerAsset>(db, errors, "customerAssetId", write.CustomerAssetId, "customer asset", cancellationToken);
        if (write.Tiles is not null)
        {
            // A measure tile names one of the category's measures when the category declares any.
            var category = write.CategoryId is { } categoryId
                ? await db.DeviceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, cancellationToken)
                : null;
            DefinitionWrites.CheckTiles(write.Tiles, [.. (category?.Measures ?? []).Select(m => m.Name)], errors);
        }
    }

    /// <summary>A device created without a provider instance goes to the default one in IoT settings, as in the reference.</summary>
    public override async Task<DeviceWrite> WithDefaultsAsync(DeviceWrite write, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        if (write.ProviderInstanceId is not null)
        {
            return write;
        }

        var defaultInstance = await db.Settings.AsNoTracking().Select(s => s.DefaultProviderInstanceId).FirstOrDefaultAsync(cancellationToken);
        return write with { ProviderInstanceId = defaultInstance };
    }

    public override Device Create(DeviceWrite write)
    {
        var device = new Device { Name = string.Empty, DeviceId = string.Empty };
        Apply(write, device);
        return device;
    }

    public override void Apply(DeviceWrite write, Device entity)
    {
        entity.Name = write.Name!.Trim();
        entity.DeviceId = write.DeviceId!.Trim();
        entity.ProviderInstanceId = write.ProviderInstanceId!.Value;
        entity.AccountId = write.AccountId;
        entity.CategoryId = write.CategoryId;
        entity.CustomerAssetId = write.CustomerAssetId;
        entity.TimeZone = !string.IsNullOrWhiteSpace(write.TimeZone) && TimeZoneIds.TryNormalize(write.TimeZone, out var iana) ? iana : null;
        entity.Simulated = write.Simulated ?? false;
        entity.RegistrationStatus = write.RegistrationStatus ?? RegistrationStatus.Unknown;
        entity.RegistrationMessage = string.IsNullOrWhiteSpace(write.RegistrationMessage) ? null : write.RegistrationMessage.Trim();
        entity.Tags = (write.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        entity.Tiles = write.Tiles is null ? null : DefinitionWrites.ToTiles(write.Tiles);
    }

    public override string DuplicateMessage(Device entity) =>
        $"The provider instance already has a device with deviceId '{entity.DeviceId}'.";

    public override IOrderedQueryable<Device> DefaultOrder(IQueryable<Device> source) => source.OrderBy(d => d.Name);
}
