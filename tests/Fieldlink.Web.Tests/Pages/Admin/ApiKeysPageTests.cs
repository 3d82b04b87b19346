using System.Net;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages.Admin;

/// <summary>The API keys page in Chromium: a key made, shown once, working against /api/v1, then revoked and refused.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ApiKeysPageTests(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task An_administrator_makes_a_key_sees_it_once_uses_it_then_revokes_it_and_it_gets_401()
    {
        SetDefaultExpectTimeout(20_000);
        var name = $"console {Guid.NewGuid():N}"[..16];
        var page = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator);
        try
        {
            await page.GotoAsync("/admin/keys");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("new-key")).ToBeEnabledAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(page);

            // An Endpoint key without its provider instance is refused on that field; the dialog stays open.
            await page.GetByTestId("new-key").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Name").FillAsync(name);
            await dialog.GetByTestId("key-role").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Endpoint", Exact = true }).ClickAsync();
            await dialog.GetByTestId("create-key").ClickAsync();
            await Expect(dialog).ToContainTextAsync("An Endpoint key must name the provider instance it ingests for.");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "admin-keys-dialog-1280");

            await dialog.GetByTestId("key-role").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Dispatcher", Exact = true }).ClickAsync();
            await dialog.GetByTestId("create-key").ClickAsync();

            var shown = page.GetByRole(AriaRole.Dialog);
            var secret = await shown.GetByLabel("API key").InputValueAsync();
            Assert.StartsWith(ApiKeySecret.Scheme, secret, StringComparison.Ordinal);
            await shown.GetByTestId("copy-secret").ClickAsync();
            await Expect(shown.GetByTestId("copy-result")).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "admin-keys-shown-once-1280");
            await shown.GetByTestId("secret-done").ClickAsync();
            await Expect(shown).ToHaveCountAsync(0);

            // Never shown again: the list has the key's first characters only.
            var row = page.GetByTestId("keys").Locator("tr", new() { HasText = name });
            await Expect(row).ToContainTextAsync("Active");
            await Expect(row.GetByTestId("key-last-used")).ToHaveTextAsync("Never used");
            Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
            await page.ReloadAsync();
            await Expect(row).ToContainTextAsync(secret[..12]);
            Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
            await Expect(page.GetByTestId("new-key")).ToBeEnabledAsync();
            await Screenshots.TakeAsync(page, "admin-keys-1280");

            using var client = server.Client(secret);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/devices")).StatusCode);

            await Expect(row.GetByTestId("revoke")).ToBeEnabledAsync();
            await row.GetByTestId("revoke").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
            await Expect(row.GetByTestId("key-state")).ToContainTextAsync("Revoked");
            await Expect(row.GetByTestId("key-last-used")).Not.ToHaveTextAsync("Never used");
            await Expect(row.GetByTestId("revoke")).ToHaveCountAsync(0);

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/devices")).StatusCode);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_keys_page_fits_a_phone()
    {
        SetDefaultExpectTimeout(20_000);
        await Registry.KeyAsync(server.Client(), "Technician");
        var page = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator, PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await page.GotoAsync("/admin/keys");
            await Expect(page.GetByTestId("keys").Locator("tbody tr").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("new-key")).ToBeEnabledAsync();
            await PhoneWidth.AssertFitsAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "admin-keys-390");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
