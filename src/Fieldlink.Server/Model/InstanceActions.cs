using System.Security.Claims;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outbound;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Providers;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Creates, changes, enables, disables and deletes provider instances from a provider's page through
/// <see cref="ProviderInstanceResource"/> and <see cref="CollectionEdits"/>, so the settings are checked against the
/// connector's schema exactly as the API checks them. A change starts from the stored record (<c>ToWrite(entity)</c>,
/// secrets included) and saves only over the version the form was read at; the connectors' host opens, reopens or
/// closes the instance on the change feed, as after an API write. Each action asks first whether its person may
/// administer. Thread-safe.
/// </summary>
public sealed class InstanceActions(IServiceScopeFactory scopes, ConnectorRegistry connectors, OutboundGuard guard)
{
    private const string Noun = "provider instance";

    public async Task<FormReply> SaveAsync(ClaimsPrincipal person, InstanceDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return FormReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var resource = new ProviderInstanceResource(connectors, guard);
        if (draft.Id is not { } id)
        {
            var write = new ProviderInstanceWrite(draft.ProviderId, draft.Name, draft.InstanceId, draft.Url, draft.Enabled, draft.Settings.ToSettings(null));
            var created = await CollectionEdits.CreateAsync(resource, write, db, ct);
            return FormReply.Of(created, Noun, $"Provider instance {created.Entity?.Name} created.");
        }

        var entity = await db.ProviderInstances.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (entity is null)
        {
            return FormReply.Refused("This provider instance no longer exists.");
        }

        db.Entry(entity).Property(i => i.Version).OriginalValue = draft.Version;
        var stored = resource.ToWrite(entity);
        var updated = await CollectionEdits.UpdateAsync(resource, entity, stored with
        {
            Name = draft.Name,
            InstanceId = draft.InstanceId,
            Url = draft.Url,
            Enabled = draft.Enabled,
            Settings = draft.Settings.ToSettings(stored.Settings),
        }, db, ct);
        return FormReply.Of(updated, Noun, $"Provider instance {entity.Name} saved.");
    }

    /// <summary>Enables or disables the instance as it is now (a switch acts on the current record, not on a form's).</summary>
    public async Task<ActionReply> SetEnabledAsync(ClaimsPrincipal person, Guid id, bool enabled, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return ActionReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var entity = await db.ProviderInstances.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (entity is null)
        {
            return ActionReply.Refused("This provider instance no longer exists.");
        }

        var resource = new ProviderInstanceResource(connectors, guard);
        var updated = await CollectionEdits.UpdateAsync(resource, entity, resource.ToWrite(entity) with { Enabled = enabled }, db, ct);
        return updated.Succeeded
            ? ActionReply.Done($"Provider instance {entity.Name} {(enabled ? "enabled" : "disabled")}.", entity.Id)
            : ActionReply.Refused(FormReply.Of(updated, Noun, string.Empty).Message);
    }

    /// <summary>Deletes the instance, refused while devices, the IoT settings or Endpoint keys need it (the resource says which).</summary>
    public async Task<ActionReply> DeleteAsync(ClaimsPrincipal person, Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return ActionReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var entity = await db.ProviderInstances.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (entity is null)
        {
            return ActionReply.Refused("This provider instance no longer exists.");
        }

        var deleted = await CollectionEdits.DeleteAsync(new ProviderInstanceResource(connectors, guard), entity, db, ct);
        return deleted.Succeeded ? ActionReply.Done($"Provider instance {entity.Name} deleted.") : ActionReply.Refused(FormReply.Of(deleted, Noun, string.Empty).Message);
    }
}
