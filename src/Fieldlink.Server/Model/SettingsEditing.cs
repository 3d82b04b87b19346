using System.Security.Claims;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Api.Settings;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the IoT settings page does: read the settings into its form, offer provider instances for the default, and save
/// through <see cref="SettingsEdits"/> — the checks of <c>PATCH /api/v1/settings</c> — if the settings are still at the
/// version the form was read at. The save asks first whether its person may administer.
/// </summary>
public sealed class SettingsEditing(IServiceScopeFactory scopes)
{
    public async Task<SettingsDraft> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        var instance = settings.DefaultProviderInstanceId is { } id
            ? await db.ProviderInstances.AsNoTracking().Where(i => i.Id == id).Select(i => new NamedRecord(i.Id, i.Name)).FirstOrDefaultAsync(ct)
            : null;
        return SettingsDraft.From(settings.Version, SettingsEdits.ToWrite(settings), instance);
    }

    /// <summary>The provider instances whose name holds <paramref name="text"/>, by name, for the default instance picker.</summary>
    public async Task<IReadOnlyList<NamedRecord>> InstancesAsync(string? text, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var query = CollectionOptions.Parse<ProviderInstance>(RecordNames.Options(text), "providerInstances", []);
        return await query.Order(query.Filter(db.ProviderInstances.AsNoTracking()), s => s.OrderBy(i => i.Id))
            .Take(RecordNames.Offered).Select(i => new NamedRecord(i.Id, i.Name)).ToListAsync(ct);
    }

    public async Task<FormReply> SaveAsync(ClaimsPrincipal person, SettingsDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return FormReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var settings = await db.Settings.SingleAsync(ct);
        db.Entry(settings).Property(s => s.Version).OriginalValue = draft.Version;
        var edit = await SettingsEdits.UpdateAsync(settings, draft.ToWrite(), db, scope.ServiceProvider.GetRequiredService<CommandMessageNames>(), ct);
        return FormReply.Of(edit, "settings", "IoT settings saved.");
    }
}
