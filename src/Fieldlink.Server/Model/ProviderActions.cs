using System.Security.Claims;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Providers;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Creates, changes and deletes providers from the providers page through <see cref="ProviderResource"/> and
/// <see cref="CollectionEdits"/>, so a provider saved here is checked exactly as one posted to the API. Each action asks
/// first whether its person may administer, opens its own store scope, and saves a change only over the version the
/// form was read at. Thread-safe.
/// </summary>
public sealed class ProviderActions(IServiceScopeFactory scopes, ConnectorRegistry connectors)
{
    private const string Noun = "provider";

    public async Task<FormReply> SaveAsync(ClaimsPrincipal person, ProviderDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return FormReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var resource = new ProviderResource(connectors);
        var write = new ProviderWrite(draft.Name, draft.Connector, draft.Description);
        if (draft.Id is not { } id)
        {
            var created = await CollectionEdits.CreateAsync(resource, write, db, ct);
            return FormReply.Of(created, Noun, $"Provider {created.Entity?.Name} created.");
        }

        var entity = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null)
        {
            return FormReply.Refused("This provider no longer exists.");
        }

        // Saved only over the version the form was read at: a change made meanwhile is refused, not overwritten.
        db.Entry(entity).Property(p => p.Version).OriginalValue = draft.Version;
        var updated = await CollectionEdits.UpdateAsync(resource, entity, resource.ToWrite(entity) with
        {
            Name = draft.Name,
            Connector = draft.Connector,
            Description = draft.Description,
        }, db, ct);
        return FormReply.Of(updated, Noun, $"Provider {entity.Name} saved.");
    }

    /// <summary>Deletes the provider, refused while it has instances (the resource says so).</summary>
    public async Task<ActionReply> DeleteAsync(ClaimsPrincipal person, Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return ActionReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var entity = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null)
        {
            return ActionReply.Refused("This provider no longer exists.");
        }

        var deleted = await CollectionEdits.DeleteAsync(new ProviderResource(connectors), entity, db, ct);
        return deleted.Succeeded ? ActionReply.Done($"Provider {entity.Name} deleted.") : ActionReply.Refused(FormReply.Of(deleted, Noun, string.Empty).Message);
    }
}
