using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Api.Keys;

/// <summary>The <c>apiKeys</c> collection: listed, read and renamed here; created and revoked by <see cref="ApiKeysApi"/>.</summary>
public sealed class ApiKeyResource : CollectionResource<ApiKey, ApiKeyWrite, ApiKeyRead>
{
    public override string Collection => "apiKeys";

    public override string Noun => "API key";

    public override ApiKeyRead ToRead(ApiKey entity) =>
        new(entity.Id, entity.Name, entity.Role, entity.ProviderInstanceId, entity.Prefix, entity.CreatedAt, entity.LastUsedAt, entity.RevokedAt);

    public override ApiKeyWrite ToWrite(ApiKey entity) => new(entity.Name, entity.Role, entity.ProviderInstanceId);

    public override async Task ValidateAsync(ApiKeyWrite write, ApiKey? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        errors.Required("name", write.Name);
        if (write.Role is null)
        {
            errors.Add("role", $"The role field is required: one of {string.Join(", ", Enum.GetNames<ApiKeyRole>())}.");
        }
        else if (write.Role == ApiKeyRole.Endpoint && write.ProviderInstanceId is null)
        {
            errors.Add("providerInstanceId", "An Endpoint key must name the provider instance it ingests for.");
        }
        else if (write.Role != ApiKeyRole.Endpoint && write.ProviderInstanceId is not null)
        {
            errors.Add("providerInstanceId", "Only an Endpoint key is bound to a provider instance.");
        }

        await References.CheckAsync<ProviderInstance>(db, errors, "providerInstanceId", write.ProviderInstanceId, "provider instance", cancellationToken);
    }

    /// <summary>Not used: a key is created with its secret by <see cref="ApiKeyStore.CreateAsync"/>.</summary>
    public override ApiKey Create(ApiKeyWrite write) =>
        throw new InvalidOperationException("API keys are created through ApiKeyStore, which makes their secret.");

    public override void Apply(ApiKeyWrite write, ApiKey entity)
    {
        entity.Name = write.Name!.Trim();
        entity.Role = write.Role!.Value;
        entity.ProviderInstanceId = write.ProviderInstanceId;
    }

    public override IOrderedQueryable<ApiKey> DefaultOrder(IQueryable<ApiKey> source) => source.OrderBy(k => k.CreatedAt);
}
