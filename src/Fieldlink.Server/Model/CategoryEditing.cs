using System.Security.Claims;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Devices;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the device category pages do: read a category into its form, and create, save or delete one through the API's
/// <see cref="DeviceCategoryResource"/> and <see cref="CollectionEdits"/>, so a form is checked exactly as a request is.
/// Each action opens its own store scope and asks first whether its person may administer. A save or delete is
/// conditional on the version the form was read at: a change made meanwhile is refused, never overwritten.
/// </summary>
public sealed class CategoryEditing(IServiceScopeFactory scopes)
{
    private static readonly DeviceCategoryResource Resource = new();

    /// <summary>The category's form, or null when there is none with this id.</summary>
    public async Task<CategoryDraft?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var category = await db.DeviceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return category is null ? null : CategoryDraft.From(category.Id, category.Version, Resource.ToWrite(category));
    }

    /// <summary>Creates a category of a name and description, with no measures yet (its page adds them).</summary>
    public async Task<FormReply> CreateAsync(ClaimsPrincipal person, string? name, string? description, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return FormReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var edit = await CollectionEdits.CreateAsync(Resource, new DeviceCategoryWrite(name, description, []), db, ct);
        return FormReply.Of(edit, Resource.Noun, $"Device category '{edit.Entity?.Name}' created.");
    }

    /// <summary>Saves the whole form over the category, if it is still at the version the form was read at.</summary>
    public async Task<FormReply> SaveAsync(ClaimsPrincipal person, CategoryDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return FormReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        if (await TrackedAsync(db, draft.Id, draft.Version, ct) is not { } category)
        {
            return FormReply.Refused("This device category no longer exists; nothing was saved.");
        }

        // The form edits every writable field; the stored write is the base so a field the form does not know stays.
        var changes = draft.ToWrite();
        var write = Resource.ToWrite(category) with
        {
            Name = changes.Name,
            Description = changes.Description,
            Measures = changes.Measures,
            Commands = changes.Commands,
            Tiles = changes.Tiles,
        };
        var edit = await CollectionEdits.UpdateAsync(Resource, category, write, db, ct);
        return FormReply.Of(edit, Resource.Noun, $"Device category '{category.Name}' saved.");
    }

    /// <summary>Deletes the category, if no device is in it and it is still at the version the page read.</summary>
    public async Task<FormReply> DeleteAsync(ClaimsPrincipal person, Guid id, long version, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return FormReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        if (await TrackedAsync(db, id, version, ct) is not { } category)
        {
            return FormReply.Refused("This device category no longer exists.");
        }

        var edit = await CollectionEdits.DeleteAsync(Resource, category, db, ct);
        return FormReply.Of(edit, Resource.Noun, $"Device category '{category.Name}' deleted.");
    }

    /// <summary>The category, tracked, with <paramref name="version"/> as the version its save is conditional on.</summary>
    private static async Task<DeviceCategory?> TrackedAsync(FieldlinkDbContext db, Guid id, long version, CancellationToken ct)
    {
        var category = await db.DeviceCategories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is not null)
        {
            db.Entry(category).Property(c => c.Version).OriginalValue = version;
        }

        return category;
    }
}
