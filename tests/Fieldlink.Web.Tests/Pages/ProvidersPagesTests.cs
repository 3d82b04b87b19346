using System.Text.RegularExpressions;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>
/// The providers pages in Chromium: an Administrator creates an MQTT provider and an instance against a Mosquitto the
/// test starts, and the instance's page shows Connected within 2 seconds of saving, then Disconnected with the
/// connector's error once the broker stops, without a reload; the axe scan of both pages, wide and narrow; and a
/// Dispatcher sent to the access-denied page.
/// </summary>
public abstract class ProvidersPagesTests(FieldlinkServer server, Chromium chromium) : IAsyncLifetime
{
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        _page = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator);
    }

    public async Task DisposeAsync() => await _page.Context.CloseAsync();

    [Fact]
    public async Task An_administrator_sets_up_an_mqtt_instance_that_shows_Connected_then_Disconnected_with_the_error_when_the_broker_stops()
    {
        await using var broker = await Mosquitto.StartAsync();
        var name = $"Plant broker {Guid.NewGuid().ToString("N")[..6]}";

        await _page.GotoAsync("/admin/providers");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Providers", Level = 1 })).ToBeVisibleAsync();
        await _page.GetByTestId("new-provider").ClickAsync();
        await _page.GetByLabel("Name *", new() { Exact = true }).FillAsync(name);
        await _page.GetByTestId("provider-connector").ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = "MQTT broker", Exact = true }).ClickAsync();
        await Expect(_page.GetByTestId("connector-description")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-provider-form-1280-{GetType().Name}");
        await _page.GetByTestId("save-provider").ClickAsync();

        await Expect(_page.Locator(".mud-snackbar")).ToContainTextAsync($"Provider {name} created.");
        var row = _page.GetByTestId("provider-row").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("MQTT broker");
        await Expect(row.GetByTestId("instance-count")).ToHaveTextAsync("0");
        await Expect(_page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-providers-1280-{GetType().Name}");
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("no-instances")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("new-instance")).ToBeEnabledAsync();
        await _page.GetByTestId("new-instance").ClickAsync();
        var form = _page.GetByTestId("instance-form");
        await form.GetByLabel("Name *", new() { Exact = true }).FillAsync("Plant A");
        // Generated from the schema: the default in the input, the description and default below it, secrets not set.
        await Expect(form.GetByLabel("Host *", new() { Exact = true })).ToHaveValueAsync("localhost");
        await Expect(form.GetByTestId("setting-port")).ToContainTextAsync("The broker's TCP port. Default: 1883.");
        await Expect(form.GetByTestId("setting-password").GetByTestId("secret-state")).ToHaveTextAsync("Not set");
        await Expect(form.GetByTestId("setting-useTls").GetByRole(AriaRole.Switch)).Not.ToBeCheckedAsync();
        await form.GetByLabel("Host *", new() { Exact = true }).FillAsync("127.0.0.1");
        await form.GetByLabel("Port", new() { Exact = true }).FillAsync("0");
        await form.GetByTestId("save-instance").ClickAsync();

        // The schema's refusal is on its field; nothing was saved.
        await Expect(form.GetByTestId("setting-port")).ToContainTextAsync("between 1 and 65535");
        await Expect(_page.GetByTestId("no-instances")).ToBeVisibleAsync();
        await form.GetByLabel("Port", new() { Exact = true }).FillAsync(broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await form.GetByLabel("Password", new() { Exact = true }).FillAsync("broker-password");
        await Expect(_page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-instance-form-1280-{GetType().Name}");

        await form.GetByTestId("save-instance").ClickAsync();
        var instance = _page.GetByTestId("instance").Filter(new() { HasText = "Plant A" });
        await Expect(instance.GetByTestId("connection-state")).ToHaveTextAsync("Connected", new() { Timeout = 2_000 });

        await Expect(instance.GetByTestId("nodes")).ToContainTextAsync("Connected");
        await Expect(_page.GetByTestId("instance-form")).ToHaveCountAsync(0);
        await Expect(_page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-provider-connected-1280-{GetType().Name}");

        // The stored secret is never sent back: the edit form says only that it is set.
        await instance.GetByRole(AriaRole.Button, new() { Name = "Edit Plant A" }).ClickAsync();
        await Expect(_page.GetByTestId("instance-form").GetByTestId("setting-password").GetByTestId("secret-state")).ToHaveTextAsync("Set");
        Assert.DoesNotContain("broker-password", await _page.ContentAsync(), StringComparison.Ordinal);
        await _page.GetByTestId("instance-form").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await broker.StopAsync();

        await Expect(instance.GetByTestId("connection-state")).ToHaveTextAsync("Disconnected");
        await Expect(instance.GetByTestId("last-error")).ToContainTextAsync($"127.0.0.1:{broker.Port}");
        await Expect(instance.GetByTestId("nodes")).ToContainTextAsync($"127.0.0.1:{broker.Port}");
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-provider-disconnected-1280-{GetType().Name}");

        await OnPhoneAsync(new Uri(_page.Url).AbsolutePath, "admin-provider", p => p.GetByTestId("instance").First);
        await OnPhoneAsync("/admin/providers", "admin-providers", p => p.GetByTestId("providers"));
    }

    [Fact]
    public async Task A_dispatcher_opening_the_providers_pages_sees_the_access_denied_page()
    {
        var dispatcher = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Dispatcher);
        try
        {
            await dispatcher.GotoAsync("/admin/providers");
            await Expect(dispatcher.GetByTestId("access-denied")).ToContainTextAsync("it is for Administrators");
            await Expect(dispatcher.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 })).ToBeVisibleAsync();
            await Expect(dispatcher.GetByTestId("new-provider")).ToHaveCountAsync(0);

            await dispatcher.GotoAsync($"/admin/providers/{Guid.NewGuid()}");
            await Expect(dispatcher.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Expect(dispatcher).ToHaveTitleAsync(new Regex("^Access denied"));
        }
        finally
        {
            await dispatcher.Context.CloseAsync();
        }
    }

    private async Task OnPhoneAsync(string path, string name, Func<IPage, ILocator> shown)
    {
        var phone = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator, PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await phone.GotoAsync(path);
            await Expect(shown(phone)).ToBeVisibleAsync();
            // Scanned once live: a button still disabled while the page is prerendered fades in, and axe would read it half-way.
            await Expect(phone.GetByTestId("new-provider").Or(phone.GetByTestId("new-instance"))).ToBeEnabledAsync();
            await PhoneWidth.AssertFitsAsync(phone);
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, $"{name}-390-{GetType().Name}");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }
}

[Collection(BrowserTestGroup.Name)]
public sealed class ProvidersPagesOnSqliteTests(SqliteServer server, Chromium chromium) : ProvidersPagesTests(server, chromium), IClassFixture<SqliteServer>;
