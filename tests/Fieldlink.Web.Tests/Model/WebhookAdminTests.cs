using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Api.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// What the webhook administration pages do, called as a page calls them, on a real server and a real receiver: only an
/// Administrator acts; a URL is checked as the API checks it (the field named); the secret comes back on creation and
/// rotation only; an event's delivery shows in the list and the log, a redelivery adds an attempt; a 410 Gone makes the
/// subscription's warning; an edit read before a change is refused. Both databases.
/// </summary>
public abstract class WebhookAdminTests(FieldlinkServer server) : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Administrator = Person(PersonRoles.Administrator);
    private static readonly ClaimsPrincipal Dispatcher = Person(PersonRoles.Dispatcher);

    private readonly HttpClient _admin = server.Client();
    private WebhookReceiver _receiver = null!;

    private WebhookActions Actions => server.Services.GetRequiredService<WebhookActions>();

    private WebhookList List => server.Services.GetRequiredService<WebhookList>();

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await Webhooks.DeleteAllAsync(_admin);
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_dispatcher_may_not_create_and_a_refused_url_names_the_url_field()
    {
        var refused = await Actions.CreateAsync(Dispatcher, Form(_receiver.Url()), CancellationToken.None);
        var internalUrl = await Actions.CreateAsync(Administrator, Form("http://10.1.2.3/hook"), CancellationToken.None);
        var noTypes = await Actions.CreateAsync(Administrator, new WebhookForm { Url = _receiver.Url(), EventTypes = ["alert.exploded"] }, CancellationToken.None);

        Assert.Equal((false, PersonCheck.AdministratorsOnly), (refused.Succeeded, refused.Reply.Message));
        Assert.Null(refused.Secret);
        Assert.False(internalUrl.Succeeded);
        Assert.Contains("internal", internalUrl.ErrorOf("url"), StringComparison.Ordinal);
        Assert.Contains("'alert.exploded' is not an event type", noTypes.ErrorOf("eventTypes"), StringComparison.Ordinal);
        Assert.Empty(await List.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_created_subscription_gets_its_event_whose_delivery_shows_and_a_redelivery_adds_an_attempt()
    {
        var created = await Actions.CreateAsync(Administrator, Form(_receiver.Url(), WebhookEventTypes.AlertCreated), CancellationToken.None);
        Assert.True(created.Succeeded, created.Reply.Message);
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        var id = created.Reply.Id!.Value;

        await AlertAsync();
        await _receiver.WaitForAsync(r => r.Count == 1, "the alert.created event");
        var delivery = await WaitForDeliveryAsync(id, d => d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.Equal((WebhookEventTypes.AlertCreated, 1, 1, 204), (delivery.EventType, delivery.Attempts, delivery.LoggedAttempts, delivery.LastStatusCode));
        Assert.NotNull(delivery.CompletedAt);
        Assert.Null(delivery.NextAttemptAt);
        var row = Assert.Single(await List.LoadAsync(CancellationToken.None));
        Assert.Equal((id, WebhookDeliveryStatus.Succeeded, 204, (string?)null), (row.Id, row.LastStatus, row.LastStatusCode, row.Warning));
        Assert.Equal("alert.created", row.EventTypesText);

        var redelivered = await Actions.RedeliverAsync(Administrator, id, delivery.Id, CancellationToken.None);
        Assert.True(redelivered.Succeeded, redelivered.Reply.Message);
        await _receiver.WaitForAsync(r => r.Count == 2, "the redelivery");
        var again = await WaitForDeliveryAsync(id, d => d.LoggedAttempts == 2 && d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.Equal((delivery.Id, 1), (again.Id, again.Attempts));
        Assert.Single(_receiver.Requests.Select(r => r.Id).Distinct());
        var byDispatcher = await Actions.RedeliverAsync(Dispatcher, id, delivery.Id, CancellationToken.None);
        Assert.Equal(PersonCheck.AdministratorsOnly, byDispatcher.Reply.Message);
    }

    [Fact]
    public async Task A_410_Gone_disables_the_subscription_and_its_row_warns_until_it_is_enabled_again()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(410);
        var id = (await Actions.CreateAsync(Administrator, Form(_receiver.Url(), WebhookEventTypes.AlertCreated), CancellationToken.None)).Reply.Id!.Value;

        await AlertAsync();
        await WaitForDeliveryAsync(id, d => d.Status == WebhookDeliveryStatus.Dead);
        var failing = (await List.FindAsync(id, CancellationToken.None))!;

        Assert.False(failing.Enabled);
        Assert.Equal((WebhookDeliveryStatus.Dead, 410, 1), (failing.LastStatus, failing.LastStatusCode, failing.DeadRecently));
        Assert.Contains("410 Gone", failing.Warning, StringComparison.Ordinal);
        Assert.Contains("1 delivery died in the last 24 hours", failing.Warning, StringComparison.Ordinal);

        var form = WebhookForm.Of(failing);
        form.Enabled = true;
        var enabled = await Actions.UpdateAsync(Administrator, id, form, CancellationToken.None);
        Assert.True(enabled.Succeeded, enabled.Reply.Message);
        var row = (await List.FindAsync(id, CancellationToken.None))!;
        Assert.True(row.Enabled);
        Assert.Null(row.DisabledReason);
    }

    [Fact]
    public async Task An_edit_read_before_another_change_is_refused_and_a_rotation_makes_a_new_secret_only_it_shows()
    {
        var created = await Actions.CreateAsync(Administrator, Form(_receiver.Url()), CancellationToken.None);
        var id = created.Reply.Id!.Value;
        var read = (await List.FindAsync(id, CancellationToken.None))!;
        var first = WebhookForm.Of(read);
        first.Description = "First";
        var stale = WebhookForm.Of(read);
        stale.Description = "Stale";

        Assert.True((await Actions.UpdateAsync(Administrator, id, first, CancellationToken.None)).Succeeded);
        var refused = await Actions.UpdateAsync(Administrator, id, stale, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Equal("First", (await List.FindAsync(id, CancellationToken.None))!.Description);

        var rotated = await Actions.RotateAsync(Administrator, id, CancellationToken.None);
        Assert.True(rotated.Succeeded, rotated.Reply.Message);
        Assert.StartsWith("whsec_", rotated.Secret, StringComparison.Ordinal);
        Assert.NotEqual(created.Secret, rotated.Secret);
        await using var scope = server.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
        Assert.Equal((rotated.Secret, created.Secret), (stored.Secret, stored.PreviousSecret));
        Assert.NotNull((await List.FindAsync(id, CancellationToken.None))!.PreviousSecretUntil);

        Assert.False((await Actions.DeleteAsync(Dispatcher, id, CancellationToken.None)).Succeeded);
        Assert.True((await Actions.DeleteAsync(Administrator, id, CancellationToken.None)).Succeeded);
        Assert.Null(await List.FindAsync(id, CancellationToken.None));
    }

    private async Task AlertAsync()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "rtu-1", description = "Compressor short-cycling" });
    }

    private async Task<WebhookDeliveryRow> WaitForDeliveryAsync(Guid subscription, Func<WebhookDeliveryRow, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await List.DeliveriesAsync(new WebhookDeliveryListQuery { SubscriptionId = subscription }, CancellationToken.None);
            if (page.Rows.FirstOrDefault(done) is { } found)
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No delivery as awaited: {string.Join(", ", page.Rows)}");
            await Task.Delay(50);
        }
    }

    private static WebhookForm Form(string url, params string[] types) =>
        new() { Url = url, EventTypes = types.Length == 0 ? [WebhookEventTypes.All] : types };

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.com"), new Claim(ClaimTypes.Role, role)], "test"));
}

public sealed class WebhookAdminOnSqliteTests(WebhookSqliteServer server) : WebhookAdminTests(server), IClassFixture<WebhookSqliteServer>;

public sealed class WebhookAdminOnPostgresTests(WebhookPostgresServer server) : WebhookAdminTests(server), IClassFixture<WebhookPostgresServer>;
