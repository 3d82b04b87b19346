using System.Security.Claims;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Webhooks;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the webhook administration pages may do — create, edit, delete, rotate the secret, redeliver — through the same
/// <see cref="WebhookEdits"/> and <see cref="WebhookResource"/> as <c>/api/v1/webhooks</c>, so a URL is checked by the
/// same outbound guard and a secret made the same way. Each action opens its own scope and asks again whether its person
/// may administer, so one sent from a stale page, or after the role was taken away, is refused and nothing written.
/// </summary>
public sealed class WebhookActions(IServiceScopeFactory scopes)
{
    private const string Gone = "This webhook subscription no longer exists.";

    /// <summary>Creates a subscription; its secret is in the reply, this once.</summary>
    public async Task<WebhookReply> CreateAsync(ClaimsPrincipal person, WebhookForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return WebhookReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var services = scope.ServiceProvider;
        var edit = await WebhookEdits.CreateAsync(
            Resource(services), form.ToWrite(), Db(services), services.GetRequiredService<WebhookSubscriptionCache>(),
            services.GetRequiredService<IOptions<WebhookOptions>>().Value, services.GetRequiredService<TimeProvider>(), ct);
        return edit.Succeeded
            ? new WebhookReply(ActionReply.Done($"Subscription to {edit.Entity!.Url} created.", edit.Entity.Id), edit.Entity.Secret)
            : Refusal(edit);
    }

    /// <summary>Saves the form over the subscription, unless it changed since the form's <see cref="WebhookForm.Version"/>.</summary>
    public async Task<WebhookReply> UpdateAsync(ClaimsPrincipal person, Guid id, WebhookForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return WebhookReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = Db(scope.ServiceProvider);
        var entity = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (entity is null)
        {
            return WebhookReply.Refused(Gone);
        }

        db.Entry(entity).Property(s => s.Version).OriginalValue = form.Version;
        var edit = await CollectionEdits.UpdateAsync(Resource(scope.ServiceProvider), entity, form.ToWrite(), db, ct);
        return edit.Succeeded ? new WebhookReply(ActionReply.Done($"Subscription to {entity.Url} saved.", id)) : Refusal(edit);
    }

    /// <summary>Deletes the subscription and its delivery log.</summary>
    public async Task<WebhookReply> DeleteAsync(ClaimsPrincipal person, Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return WebhookReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = Db(scope.ServiceProvider);
        var entity = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (entity is null)
        {
            return WebhookReply.Refused(Gone);
        }

        var edit = await WebhookEdits.DeleteAsync(Resource(scope.ServiceProvider), entity, db, scope.ServiceProvider.GetRequiredService<WebhookSubscriptionCache>(), ct);
        return edit.Succeeded ? new WebhookReply(ActionReply.Done($"Subscription to {entity.Url} deleted.", id)) : Refusal(edit);
    }

    /// <summary>Makes a new secret, in the reply this once; the previous one signs for <see cref="WebhookEdits.DefaultOverlap"/> more.</summary>
    public async Task<WebhookReply> RotateAsync(ClaimsPrincipal person, Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return WebhookReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var db = Db(scope.ServiceProvider);
        var entity = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (entity is null)
        {
            return WebhookReply.Refused(Gone);
        }

        var edit = await WebhookEdits.RotateAsync(entity, WebhookEdits.DefaultOverlap, db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        return edit.Succeeded
            ? new WebhookReply(ActionReply.Done($"New secret made; the previous one also signs for {WebhookEdits.DefaultOverlap.TotalHours:0} hours.", id), entity.Secret)
            : Refusal(edit);
    }

    /// <summary>Sends a finished delivery again now, as <c>POST …/deliveries/{id}/redeliver</c> does.</summary>
    public async Task<WebhookReply> RedeliverAsync(ClaimsPrincipal person, Guid subscriptionId, Guid deliveryId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (!await PersonCheck.MayAdministerAsync(services, person))
        {
            return WebhookReply.Refused(PersonCheck.AdministratorsOnly);
        }

        var edit = await WebhookEdits.RedeliverAsync(
            subscriptionId, deliveryId, Db(services), services.GetRequiredService<WebhookSignal>(), services.GetRequiredService<TimeProvider>(), ct);
        return edit.Succeeded
            ? new WebhookReply(ActionReply.Done($"The {edit.Entity!.EventType} event is being sent again.", deliveryId))
            : WebhookReply.Refused(edit.Message ?? "The delivery was not sent again.");
    }


    private static FieldlinkDbContext Db(IServiceProvider services) => services.GetRequiredService<FieldlinkDbContext>();

    private static WebhookResource Resource(IServiceProvider services) =>
        new(services.GetRequiredService<OutboundGuard>(), services.GetRequiredService<WebhookSubscriptionCache>());

    private static WebhookReply Refusal(CollectionEdit<WebhookSubscription> edit) =>
        WebhookReply.Refused(edit.Message ?? "The webhook subscription was not saved.", edit.Errors);
}
