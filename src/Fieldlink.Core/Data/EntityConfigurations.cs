using Fieldlink.Core.Assets;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Data;

internal static class EntityConfiguration
{
    public static void ConfigureEntity<T>(this EntityTypeBuilder<T> builder)
        where T : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever().HasValueGeneratorFactory<EntityIdGeneratorFactory>();
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.ConfigureEntity();
        builder.Property(p => p.Name).HasMaxLength(Provider.NameMaxLength);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Connector).HasMaxLength(100);
    }
}

internal sealed class ProviderInstanceConfiguration : IEntityTypeConfiguration<ProviderInstance>
{
    public void Configure(EntityTypeBuilder<ProviderInstance> builder)
    {
        builder.ConfigureEntity();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasOne<Provider>().WithMany().HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.ConnectionState);
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.ConfigureEntity();
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.DeviceId).HasMaxLength(200);
        builder.Property(d => d.TimeZone).HasMaxLength(100);
        builder.HasIndex(d => new { d.ProviderInstanceId, d.DeviceId }).IsUnique();
        builder.HasIndex(d => d.Name);
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(d => d.ProviderInstanceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CustomerAsset>().WithMany().HasForeignKey(d => d.CustomerAssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DeviceCategory>().WithMany().HasForeignKey(d => d.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Tiles).HasJsonConversion();
    }
}

internal sealed class DeviceCategoryConfiguration : IEntityTypeConfiguration<DeviceCategory>
{
    public void Configure(EntityTypeBuilder<DeviceCategory> builder)
    {
        builder.ConfigureEntity();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.OwnsMany(c => c.Measures, m => m.ToJson());

        // Parameters nest (an Object's children), which owned JSON types cannot map: these are whole JSON documents.
        builder.Property(c => c.Commands).HasJsonConversion();
        builder.Property(c => c.Tiles).HasJsonConversion();
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ConfigureEntity();
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasIndex(a => a.Name);
    }
}

internal sealed class CustomerAssetConfiguration : IEntityTypeConfiguration<CustomerAsset>
{
    public void Configure(EntityTypeBuilder<CustomerAsset> builder)
    {
        builder.ConfigureEntity();
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IoTSettingsConfiguration : IEntityTypeConfiguration<IoTSettings>
{
    public void Configure(EntityTypeBuilder<IoTSettings> builder)
    {
        builder.ConfigureEntity();
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(s => s.DefaultProviderInstanceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.CommandNameProperty).HasMaxLength(100);
        builder.Property(s => s.CommandParametersProperty).HasMaxLength(100);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ConfigureEntity();
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(20);
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(k => k.ProviderInstanceId).OnDelete(DeleteBehavior.Restrict);
    }
}
