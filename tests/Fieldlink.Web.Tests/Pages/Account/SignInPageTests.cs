using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task The_sign_in_page_fits_a_phone_and_signs_in_there()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server, PersonRoles.Technician);
        var phone = await chromium.NewPageAsync(server.Client(null).BaseAddress!, PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await phone.GotoAsync("/account/signin");
            await Expect(phone.GetByLabel("E-mail")).ToBeInViewportAsync();
            await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeInViewportAsync();
            await PhoneWidth.AssertFitsAsync(phone);
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, "signin-390");

            await SignedIn.SignInAsync(phone, email, password);

            await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();
            await PhoneWidth.AssertFitsAsync(phone);
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
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

/// <summary>A server that checks a signed-in person against the store every two seconds instead of every minute.</summary>
public sealed class QuickRevalidationServer : SqliteServer
{
    public QuickRevalidationServer() =>
        WithServices(services => services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromSeconds(2)));
}

/// <summary>A live page does not outlast its person: disabled elsewhere, they are sent to sign in without a reload.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LivePageRevalidationTests(QuickRevalidationServer server, Chromium chromium) : IClassFixture<QuickRevalidationServer>
{
    [Fact]
    public async Task A_person_disabled_while_a_page_is_open_is_sent_to_sign_in()
    {
        SetDefaultExpectTimeout(20_000);
        var (page, email) = await SignedIn.NewPersonAsync(chromium, server);
        try
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();

            using (var scope = server.Services.CreateScope())
            {
                var people = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
                var person = await people.FindByEmailAsync(email);
                person!.Disabled = true;
                Assert.True((await people.UpdateAsync(person)).Succeeded);
                Assert.True((await people.UpdateSecurityStampAsync(person)).Succeeded);
            }

            // No navigation by the test: the page's own connection finds out and leaves.
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Fieldlink" })).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
