using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages.Admin;

/// <summary>
/// The people page in Chromium: a Technician created with a password shown once, who signs in with it in a browser of
/// their own and sees the Technician's app — no Administration, and the access-denied page at /admin/keys.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PeoplePageTests(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task An_administrator_creates_a_technician_who_signs_in_with_the_password_shown_once_and_is_denied_administration()
    {
        SetDefaultExpectTimeout(20_000);
        var (page, adminEmail) = await SignedIn.NewPersonAsync(chromium, server, PersonRoles.Administrator);
        var email = $"{Guid.NewGuid():N}@example.com";
        IPage? technician = null;
        try
        {
            await page.GotoAsync("/admin/people");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("new-person")).ToBeEnabledAsync();
            await Expect(page.GetByTestId("people")).ToContainTextAsync($"{adminEmail} (you)");
            await Accessibility.AssertNoSeriousViolationsAsync(page);

            // Errors on the field: an e-mail that is none, then one taken already (in another letter case).
            await page.GetByTestId("new-person").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("E-mail").FillAsync("not an e-mail");
            await dialog.GetByTestId("person-role").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Technician", Exact = true }).ClickAsync();
            await dialog.GetByTestId("create-person").ClickAsync();
            await Expect(dialog).ToContainTextAsync("'not an e-mail' is not an e-mail address.");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "admin-people-dialog-1280");
            await dialog.GetByLabel("E-mail").FillAsync(adminEmail.ToUpperInvariant());
            await dialog.GetByTestId("create-person").ClickAsync();
            await Expect(dialog).ToContainTextAsync("exists already");

            await dialog.GetByLabel("E-mail").FillAsync(email);
            await dialog.GetByLabel("Display name (optional)").FillAsync("Tess Technician");
            await dialog.GetByTestId("create-person").ClickAsync();

            var shown = page.GetByRole(AriaRole.Dialog);
            var password = await shown.GetByLabel("Password").InputValueAsync();
            Assert.Equal(GeneratedPassword.Length, password.Length);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "admin-people-shown-once-1280");
            await shown.GetByTestId("secret-done").ClickAsync();
            await Expect(shown).ToHaveCountAsync(0);

            var row = page.GetByTestId("people").Locator("tr", new() { HasText = email });
            await Expect(row.GetByTestId("person-role-cell")).ToHaveTextAsync("Technician");
            await Expect(row.GetByTestId("person-state")).ToHaveTextAsync("Active");
            Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);
            await Screenshots.TakeAsync(page, "admin-people-1280");

            // The new person, in a browser of their own.
            technician = await chromium.NewPageAsync(server.Client(null).BaseAddress!);
            await SignedIn.SignInAsync(technician, email, password);
            await Expect(technician.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();
            await Expect(technician.GetByText(email)).ToBeVisibleAsync();
            await Expect(technician.GetByRole(AriaRole.Link, new() { Name = "Cases" })).ToBeVisibleAsync();
            await Expect(technician.GetByTestId("admin-nav")).ToHaveCountAsync(0);

            await technician.GotoAsync("/admin/keys");
            await Expect(technician.GetByTestId("access-denied")).ToContainTextAsync("Your role (Technician) may not open this page");
            await Expect(technician.GetByTestId("keys")).ToHaveCountAsync(0);
            await Accessibility.AssertNoSeriousViolationsAsync(technician);
            await Screenshots.TakeAsync(technician, "admin-access-denied-1280");
        }
        finally
        {
            if (technician is not null)
            {
                await technician.Context.CloseAsync();
            }

            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_last_active_administrator_is_told_they_may_not_disable_themselves_and_the_people_page_fits_a_phone()
    {
        SetDefaultExpectTimeout(20_000);
        var (other, oldPassword) = await Server.Tests.Auth.BrowserSession.CreatePersonAsync(server, PersonRoles.Technician);
        var (page, adminEmail) = await SignedIn.NewPersonAsync(chromium, server, PersonRoles.Administrator, PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await DisableOtherAdministratorsAsync(adminEmail);
            await page.GotoAsync("/admin/people");
            var me = page.GetByTestId("people").Locator("tr", new() { HasText = $"{adminEmail} (you)" });
            await Expect(me.GetByTestId("disable")).ToBeEnabledAsync();
            await PhoneWidth.AssertFitsAsync(page);

            // The stacked rows fit the card too: a long e-mail breaks instead of making the table scroll sideways.
            Assert.True(await page.GetByTestId("people").Locator(".mud-table-container").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"));
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "admin-people-390");

            await me.GetByTestId("disable").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();

            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("You are the last active Administrator");
            await Expect(me.GetByTestId("person-state")).ToHaveTextAsync("Active");
            await PhoneWidth.AssertFitsAsync(page);

            // A new password for someone else, shown once on the phone too; the old one stops working.
            await page.GetByTestId("people").Locator("tr", new() { HasText = other }).GetByTestId("reset-password").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset password", Exact = true }).ClickAsync();
            var shown = page.GetByRole(AriaRole.Dialog);
            var password = await shown.GetByLabel("Password").InputValueAsync();
            await PhoneWidth.AssertFitsAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "admin-people-password-390");
            await shown.GetByTestId("secret-done").ClickAsync();
            Assert.Equal((true, false), (await PasswordWorksAsync(other, password), await PasswordWorksAsync(other, oldPassword)));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    private async Task DisableOtherAdministratorsAsync(string keep)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        foreach (var other in (await users.GetUsersInRoleAsync(PersonRoles.Administrator)).Where(u => u.Email != keep))
        {
            other.Disabled = true;
            Assert.True((await users.UpdateAsync(other)).Succeeded);
        }
    }
}
