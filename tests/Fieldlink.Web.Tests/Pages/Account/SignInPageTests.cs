using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages.Account;

/// <summary>Signing in and out in Chromium: the flows a person goes through before any other page.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SignInPageTests(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IAsyncLifetime
{
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        _page = await chromium.NewPageAsync(server.Client(null).BaseAddress!);
    }

    public async Task DisposeAsync() => await _page.Context.CloseAsync();

    [Fact]
    public async Task A_page_sends_a_stranger_to_sign_in_and_back_to_it_once_signed_in()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server, PersonRoles.Technician);

        await _page.GotoAsync("/?status=Active");
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin\\?returnUrl="));
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Fieldlink" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, "signin-1280");

        await SignedIn.SignInAsync(_page, email, password);

        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/?status=Active", _page.Url, StringComparison.Ordinal);
        await Expect(_page.GetByText(email)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        var (email, _) = await BrowserSession.CreatePersonAsync(server);

        await _page.GotoAsync("/account/signin");
        await SignedIn.SignInAsync(_page, email, "Not-the-password-1");

        await Expect(_page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong e-mail or password.");
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        var home = await _page.GotoAsync("/");
        Assert.Contains("/account/signin", home!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var page = await SignedIn.NewPageAsync(chromium, server);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Fieldlink" })).ToBeVisibleAsync();

            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
