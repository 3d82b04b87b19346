using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Api.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Mqtt;
using Fieldlink.Testing;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages.Admin;

/// <summary>
/// The webhook and dead-letter administration pages in Chromium, as an Administrator: a subscription created in the
/// page to a receiver the test runs shows its secret once (the secret the deliveries are signed with, gone after a
/// reload), its event shows in the delivery log, a redelivery adds an attempt, a failing subscription warns; a message
/// an MQTT instance could not use shows with its payload. The axe scan and screenshots of each page, wide and narrow.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class WebhookPagesTests(WebhookPagesServer server, Chromium chromium) : IClassFixture<WebhookPagesServer>, IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private WebhookReceiver _receiver = null!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.Reply = r => new WebhookReceiver.Answer(r.Path == "/gone" ? 410 : 204);
        _page = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator);
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        await Webhooks.DeleteAllAsync(_admin);
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_subscription_made_in_the_page_shows_its_secret_once_its_delivery_in_the_log_and_a_redelivery_adds_an_attempt()
    {
        await _page.GotoAsync("/admin/webhooks");
        await Expect(_page.GetByTestId("no-webhooks")).ToBeVisibleAsync();
        await _page.GetByTestId("new-webhook").ClickAsync();
        await _page.GetByLabel("URL").FillAsync("http://10.1.2.3/hook");
        await _page.GetByTestId("webhook-save").ClickAsync();
        await Expect(_page.GetByTestId("webhook-form")).ToContainTextAsync("internal");
        await _page.GetByLabel("URL").FillAsync(_receiver.Url());
        await _page.GetByTestId("webhook-save").ClickAsync();

        var secret = await _page.GetByTestId("secret").TextContentAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await Expect(_page.GetByTestId("webhooks").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, "admin-webhooks-secret-1280");

        // A second subscription, to an endpoint that is gone: its first delivery disables it, and the list warns.
        await Webhooks.SubscribeAsync(_admin, _receiver.Url("/gone"), "alert.created");
        var instance = await Registry.VendorInstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "rtu-1", description = "Compressor short-cycling" });
        var received = (await _receiver.WaitForAsync(r => r.Any(x => x.Path == "/hook" && x.Type == "alert.created") && r.Any(x => x.Path == "/gone"), "both deliveries"))
            .First(r => r.Path == "/hook" && r.Type == "alert.created");
        Assert.True(FieldlinkWebhook.Verify(secret!, received.Id, received.Headers["webhook-timestamp"]!, received.Headers["webhook-signature"]!, received.Body, TimeSpan.FromMinutes(5)));

        await _page.ReloadAsync();
        // Live first: the prerendered page's buttons are disabled, and axe would measure one fading in.
        await Expect(_page.GetByTestId("new-webhook")).ToBeEnabledAsync();
        var rows = _page.GetByTestId("webhooks").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(_page.GetByTestId("secret-panel")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret!, await _page.ContentAsync(), StringComparison.Ordinal);
        var gone = rows.Filter(new() { HasText = "/gone" });
        await Expect(gone.GetByTestId("webhook-warning")).ToContainTextAsync("410 Gone");
        await Expect(rows.Filter(new() { HasText = "/hook" }).GetByTestId("webhook-warning")).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "/hook" }).GetByTestId("last-delivery")).ToContainTextAsync("Succeeded");
        await Expect(gone.GetByTestId("last-delivery")).ToContainTextAsync("Dead");
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, "admin-webhooks-1280");
        // Its button is enabled once the page is live (axe would measure a button fading in).
        await OnPhoneAsync("/admin/webhooks", "admin-webhooks", p => Expect(p.GetByTestId("new-webhook")).ToBeEnabledAsync());

        // A rotation shows the new secret once; a deletion asks first.
        await rows.Filter(new() { HasText = "/hook" }).GetByTestId("rotate-webhook").ClickAsync();
        await _page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();
        await Expect(_page.GetByTestId("secret")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        var rotated = await _page.GetByTestId("secret").TextContentAsync();
        Assert.NotEqual(secret, rotated);
        await _page.GetByTestId("secret-done").ClickAsync();
        await Expect(_page.GetByTestId("secret-panel")).ToHaveCountAsync(0);
        await gone.GetByTestId("delete-webhook").ClickAsync();
        await _page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);

        await rows.Filter(new() { HasText = "/hook" }).GetByRole(AriaRole.Link).ClickAsync();
        var delivery = _page.GetByTestId("deliveries").Locator(".mud-table-body tr.mud-table-row").Filter(new() { HasText = "alert.created" });
        await Expect(delivery).ToHaveCountAsync(1);
        await Expect(delivery.GetByTestId("delivery-status")).ToHaveTextAsync("Succeeded");
        await Expect(delivery.GetByTestId("delivery-attempts")).ToHaveTextAsync("1");
        await Expect(delivery).ToContainTextAsync("204");
        // The scan waits for the snackbars to leave: axe reads a fading one's colours half-transparent.
        await Expect(_page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, "admin-webhook-deliveries-1280");

        await delivery.GetByTestId("redeliver").ClickAsync();
        await Expect(_page.Locator(".mud-snackbar")).ToContainTextAsync("being sent again");
        var redelivered = (await _receiver.WaitForAsync(r => r.Count(x => x.Path == "/hook" && x.Id == received.Id) == 2, "the redelivery"))
            .Last(x => x.Path == "/hook" && x.Id == received.Id);
        Assert.True(FieldlinkWebhook.Verify(rotated!, redelivered.Id, redelivered.Headers["webhook-timestamp"]!, redelivered.Headers["webhook-signature"]!, redelivered.Body, TimeSpan.FromMinutes(5)));
        // The log is read again on Refresh, not polled: refresh until the second attempt is logged.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await delivery.GetByTestId("delivery-attempts").TextContentAsync() != "1 (2 in all)" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            await _page.GetByTestId("refresh").ClickAsync();
        }

        await Expect(delivery.GetByTestId("delivery-attempts")).ToHaveTextAsync("1 (2 in all)");
        await Expect(delivery.GetByTestId("delivery-status")).ToHaveTextAsync("Succeeded");
        await OnPhoneAsync(new Uri(_page.Url).AbsolutePath, "admin-webhook-deliveries", p => Expect(p.GetByTestId("redeliver").First).ToBeEnabledAsync());
    }

    [Fact]
    public async Task A_message_an_mqtt_instance_could_not_use_shows_among_the_dead_letters_with_its_payload()
    {
        await using var broker = await Mosquitto.StartAsync();
        var (instance, _) = await MqttFixture.InstanceAsync(_admin, broker.Port, "pump-a");
        await MqttFixture.ConnectedAsync(server, instance);
        Assert.Equal(0, (await broker.PublishAsync("-q", "1", "-t", "devices/pump-a/telemetry", "-m", "temperature=21.5")).ExitCode);
        Assert.Equal(0, (await broker.PublishAsync("-q", "1", "-t", "devices/pump-a/telemetry", "-m", """{"ts": 1764412800, "temperature": 1}""")).ExitCode);
        await MqttFixture.PollAsync(_admin, $"/api/v1/deadLetters?$filter=providerInstanceId eq {instance}&$count=true", d => (int)d["@odata.count"]! == 2, "two dead letters");
        var name = (string)(await (await _admin.GetAsync($"/api/v1/providerInstances/{instance}")).ReadObjectAsync(System.Net.HttpStatusCode.OK))["name"]!;

        await _page.GotoAsync("/admin/dead-letters");
        var rows = _page.Locator(".mud-table-body tr.mud-table-row");
        await Expect(_page.GetByTestId("no-rows").Or(rows.First)).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Loading"));
        await _page.GetByLabel("Provider instance", new() { Exact = true }).FillAsync(name[..^3]);
        await _page.GetByRole(AriaRole.Option, new() { Name = name }).ClickAsync();
        await _page.GetByLabel("Source or topic").FillAsync("pump-a/telemetry");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("Unix seconds");
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, "admin-dead-letters-1280");

        await rows.Nth(1).GetByTestId("view-payload").ClickAsync();
        await Expect(_page.GetByTestId("dead-letter-payload")).ToHaveTextAsync("temperature=21.5");
        await Expect(_page.GetByTestId("dead-letter-dialog")).ToContainTextAsync("Payload (as received)");
        await _page.GetByTestId("close-dead-letter").ClickAsync();
        await rows.First.GetByTestId("view-payload").ClickAsync();
        await Expect(_page.GetByTestId("dead-letter-dialog")).ToContainTextAsync("Payload (JSON, formatted)");
        Assert.Contains("\n  \"temperature\": 1", await _page.GetByTestId("dead-letter-payload").TextContentAsync(), StringComparison.Ordinal);
        await Expect(_page.GetByTestId("dead-letter-reason")).ToContainTextAsync("Unix seconds");
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, "admin-dead-letter-1280");

        await OnPhoneAsync("/admin/dead-letters", "admin-dead-letters", p => Expect(p.GetByTestId("view-payload").First).ToBeEnabledAsync());
    }

    /// <summary>The page at a phone's width, once <paramref name="ready"/>: axe, no sideways scrolling, a screenshot to look at.</summary>
    private async Task OnPhoneAsync(string path, string name, Func<IPage, Task> ready)
    {
        var phone = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator, PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await phone.GotoAsync(path);
            await ready(phone);
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await PhoneWidth.AssertFitsAsync(phone);
            await Screenshots.TakeAsync(phone, $"{name}-390");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }
}
