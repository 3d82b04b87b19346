using System.Text.RegularExpressions;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Providers;

/// <summary>The <c>providers</c> collection.</summary>
public sealed partial class ProviderResource(ConnectorRegistry connectors) : CollectionResource<Provider, ProviderWrite, ProviderRead>
{
    public override string Collection => "providers";

    public override string Noun => "provider";

    public override ProviderRead ToRead(Provider entity) =>
        new(entity.Id, entity.Name, entity.Connector, entity.Description, entity.CreatedAt, entity.UpdatedAt);

    public override ProviderWrite ToWrite(Provider entity) => new(entity.Name, entity.Connector, entity.Description);

    public override Task ValidateAsync(ProviderWrite write, Provider? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        errors.Required("name", write.Name, Provider.NameMaxLength);
        if (errors.Required("connector", write.Connector, 100) is { } connector)
        {
            if (!ConnectorKey().IsMatch(connector))
            {
                errors.Add("connector", "A connector key is lower-case letters, digits, '.', '_' and '-', e.g. 'mqtt'.");
            }
            else if (connectors.Find(connector) is null)
            {
                errors.Add("connector", $"No connector '{connector}' is installed; installed: {string.Join(", ", connectors.All.Select(c => c.Key))}.");
            }
        }

        errors.Optional("description", write.Description, 2000);
        return Task.CompletedTask;
    }

    public override Provider Create(ProviderWrite write)
    {
        var provider = new Provider { Name = string.Empty, Connector = string.Empty };
        Apply(write, provider);
        return provider;
    }

    public override void Apply(ProviderWrite write, Provider entity)
    {
        entity.Name = write.Name!.Trim();
        entity.Connector = write.Connector!.Trim();
        entity.Description = string.IsNullOrWhiteSpace(write.Description) ? null : write.Description.Trim();
    }

    public override async Task<string?> FindDeleteConflictAsync(Provider entity, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        var instances = await db.ProviderInstances.CountAsync(i => i.ProviderId == entity.Id, cancellationToken);
        return instances == 0 ? null : $"The provider still has {instances} provider instance(s); delete them first.";
    }

    public override string DuplicateMessage(Provider entity) => $"A provider named '{entity.Name}' already exists.";

    public override IOrderedQueryable<Provider> DefaultOrder(IQueryable<Provider> source) => source.OrderBy(p => p.Name);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex ConnectorKey();
}
