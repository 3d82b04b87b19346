using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Infrastructure;

/// <summary>Pages of a person who signed in through the sign-in form, as anyone does.</summary>
public static class SignedIn
{
    /// <summary>A new person in <paramref name="role"/>, signed in on a fresh page of the given size.</summary>
    public static async Task<IPage> NewPageAsync(Chromium chromium, FieldlinkServer server, string role = PersonRoles.Dispatcher, int width = 1280, int height = 800) =>
        (await NewPersonAsync(chromium, server, role, width, height)).Page;

    /// <summary>As <see cref="NewPageAsync"/>, also naming the person (their e-mail).</summary>
    public static async Task<(IPage Page, string Email)> NewPersonAsync(Chromium chromium, FieldlinkServer server, string role = PersonRoles.Dispatcher, int width = 1280, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        var (email, password) = await BrowserSession.CreatePersonAsync(server, role);
        var page = await chromium.NewPageAsync(server.Client(null).BaseAddress!, width, height);
        await SignInAsync(page, email, password);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // The home page is interactive once its grid has loaded a page (the prerendered one says "Loading alerts…"): a
        // click before that can land on markup the circuit is about to replace, and be lost.
        await Expect(page.GetByTestId("no-alerts").Or(page.Locator(".mud-table-body tr.mud-table-row").First)).Not.ToHaveTextAsync("Loading alerts…");
        return (page, email);
    }

    /// <summary>Fills in and sends the sign-in form at <c>/account/signin</c>.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/account/signin", StringComparison.Ordinal))
        {
            await page.GotoAsync("/account/signin");
        }

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
