using System.Text.Json.Nodes;
using Fieldlink.Core.Connections;
using Fieldlink.Core.Data;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Validation;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Providers;

/// <summary>
/// The <c>providerInstances</c> collection. A setting that any known connector marks secret is never returned:
/// that needs no look-up of the instance's provider per record, and hides too much rather than too little.
/// The instance's <c>url</c> and every connector setting that is a URL are outbound targets (the http connector POSTs
/// commands to them, and a plugin may call them), so they pass the <see cref="OutboundGuard"/> when saved.
/// Each record's <c>connection</c> is combined from <paramref name="nodes"/>, the live processes' reports read once
/// for the request (<see cref="InstanceConnectionStates.ReadNodesAsync"/>); an instance missing from them has none yet.
/// </summary>
public sealed class ProviderInstanceResource(ConnectorRegistry connectors, OutboundGuard guard, IReadOnlyDictionary<Guid, IReadOnlyList<NodeConnection>>? nodes = null)
    : CollectionResource<ProviderInstance, ProviderInstanceWrite, ProviderInstanceRead>
{
    public override string Collection => "providerInstances";

    public override string Noun => "provider instance";

    public override ProviderInstanceRead ToRead(ProviderInstance entity)
    {
        var connection = InstanceConnectionStates.Combine(entity, nodes?.GetValueOrDefault(entity.Id) ?? []);
        return new(
            entity.Id,
            entity.ProviderId,
            entity.Name,
            entity.InstanceId,
            entity.Url,
            entity.Enabled,
            InstanceSettings.Redact(entity.Settings, connectors.SecretSettingNames),
            entity.CreatedAt,
            entity.UpdatedAt,
            connection.State,
            connection);
    }

    public override ProviderInstanceWrite ToWrite(ProviderInstance entity) =>
        new(entity.ProviderId, entity.Name, entity.InstanceId, entity.Url, entity.Enabled, InstanceSettings.Parse(entity.Settings));

    public override async Task ValidateAsync(ProviderInstanceWrite write, ProviderInstance? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        errors.Required("name", write.Name);
        errors.Optional("instanceId", write.InstanceId);
        if (errors.Optional("url", write.Url, 2000) is { } url && StorableValues.UrlProblem(url) is { } urlProblem)
        {
            errors.Add("url", $"The url {urlProblem}");
        }

        if (write.ProviderId is not { } providerId)
        {
            errors.Add("providerId", "The providerId field is required.");
            return;
        }

        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId, cancellationToken);
        if (provider is null)
        {
            errors.Add("providerId", $"There is no provider with id {providerId}.");
            return;
        }

        if (connectors.Find(provider.Connector) is { } connector)
        {
            var bindErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var settings = ConnectorSettingsSchema.Bind(connector.SettingsType, write.Settings ?? [], bindErrors);
            foreach (var (field, messages) in bindErrors)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }

            foreach (var (name, target) in settings is null ? Enumerable.Empty<(string, Uri)>() : ConnectorSettingsSchema.Urls(settings))
            {
                if (await guard.RefuseAsync(target, mustResolve: false, cancellationToken) is { } refusal)
                {
                    errors.Add("settings." + name, refusal);
                }
            }
        }

        await GuardUrlAsync(write.Url, errors, cancellationToken);
    }

    /// <summary>
    /// The instance's url, when it is an http(s) URL (other schemes are not called), must pass the outbound guard. Here
    /// and for the connector's URL settings a name that does not resolve yet is kept: an instance is often set up before
    /// its vendor's name resolves from this network (or for a process elsewhere), and every connection is checked again.
    /// </summary>
    private async Task GuardUrlAsync(string? url, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var target) && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps)
            && await guard.RefuseAsync(target, mustResolve: false, cancellationToken) is { } refusal)
        {
            errors.Add("url", refusal);
        }
    }

    public override ProviderInstance Create(ProviderInstanceWrite write)
    {
        var instance = new ProviderInstance { Name = string.Empty };
        Apply(write, instance);
        return instance;
    }

    public override void Apply(ProviderInstanceWrite write, ProviderInstance entity)
    {
        entity.ProviderId = write.ProviderId!.Value;
        entity.Name = write.Name!.Trim();
        entity.InstanceId = string.IsNullOrWhiteSpace(write.InstanceId) ? null : write.InstanceId.Trim();
        entity.Url = string.IsNullOrWhiteSpace(write.Url) ? null : write.Url.Trim();
        entity.Enabled = write.Enabled ?? true;
        entity.Settings = (write.Settings ?? []).ToJsonString();
    }

    public override async Task<string?> FindDeleteConflictAsync(ProviderInstance entity, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        var devices = await db.Devices.CountAsync(d => d.ProviderInstanceId == entity.Id, cancellationToken);
        if (devices > 0)
        {
            return $"The provider instance still has {devices} device(s); delete or move them first.";
        }

        if (await db.Settings.AnyAsync(s => s.DefaultProviderInstanceId == entity.Id, cancellationToken))
        {
            return "The provider instance is the default in IoT settings; choose another default first.";
        }

        return await db.ApiKeys.AnyAsync(k => k.ProviderInstanceId == entity.Id, cancellationToken)
            ? "Endpoint API keys are bound to the provider instance; delete them first."
            : null;
    }

    public override IOrderedQueryable<ProviderInstance> DefaultOrder(IQueryable<ProviderInstance> source) => source.OrderBy(p => p.Name);
}
