using System.Net;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Components.Account;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Auth;

/// <summary>People sign in through the real form over HTTP; the API goes on reading only API keys.</summary>
public sealed class SignInTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private const string Page = "/account/change-password";

    [Fact]
    public async Task A_page_without_a_session_redirects_to_sign_in_with_the_return_url()
    {
        using var browser = new BrowserSession(server);

        var response = await browser.Client.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?returnUrl=%2Faccount%2Fchange-password", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signing_in_through_the_form_opens_pages_but_not_the_api()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server, PersonRoles.Administrator);
        using var browser = new BrowserSession(server);

        var signedIn = await browser.SignInAsync(email, password, returnUrl: Page);

        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal(Page, signedIn.Headers.Location!.AbsolutePath);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Fieldlink.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(Page)).StatusCode);

        // Even an Administrator's cookie is not a key.
        var api = await browser.Client.GetAsync("/api/v1/devices");
        await api.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", api.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remember_me_makes_the_cookie_outlive_the_browser()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);

        var signedIn = await browser.SignInAsync(email, password, rememberMe: true);

        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Fieldlink.Session=", StringComparison.Ordinal) && c.Contains("expires", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_return_url_to_another_site_goes_home_instead()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);

        var signedIn = await browser.SignInAsync(email, password, returnUrl: "//evil.example/x");

        var location = new Uri(browser.Client.BaseAddress!, signedIn.Headers.Location!);
        Assert.Equal(browser.Client.BaseAddress!.Authority, location.Authority);
        Assert.Equal("/", location.PathAndQuery);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_are_refused_with_the_same_words()
    {
        var (email, _) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);

        var wrongPassword = await browser.SignInAsync(email, "Wrong-password-1");
        var unknownEmail = await browser.SignInAsync("nobody@example.com", "Wrong-password-1");

        foreach (var response in new[] { wrongPassword, unknownEmail })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("Fieldlink.Session=", StringComparison.Ordinal)));
            Assert.Contains(SignIn.WrongCredentials, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);

        for (var i = 0; i < PeopleServices.MaxFailedSignIns; i++)
        {
            await browser.SignInAsync(email, "Wrong-password-1");
        }

        var locked = await browser.SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked until", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(Page)).StatusCode);
        using var scope = server.Services.CreateScope();
        var person = await scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>().FindByEmailAsync(email);
        var minutes = (person!.LockoutEnd!.Value - DateTimeOffset.UtcNow).TotalMinutes;
        Assert.InRange(minutes, 14, 15);
    }

    [Fact]
    public async Task A_disabled_person_cannot_sign_in()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using (var scope = server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
            var person = await users.FindByEmailAsync(email);
            person!.Disabled = true;
            await users.UpdateSecurityStampAsync(person);
        }

        using var browser = new BrowserSession(server);
        var refused = await browser.SignInAsync(email, password);

        Assert.Contains(SignIn.WrongCredentials, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);
        await browser.SignInAsync(email, password);

        var forged = await browser.Client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(Page)).StatusCode);

        var token = await browser.ReadTokenAsync(Page);
        var signedOut = await browser.Client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = Page,
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/signin?returnUrl=%2Faccount%2Fchange-password", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_keeps_the_session_and_retires_the_old_password()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);
        await browser.SignInAsync(email, password);
        var newPassword = GeneratedPassword.New();

        var token = await browser.ReadTokenAsync(Page);
        var changed = await browser.Client.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains(ChangePassword.Changed, await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(Page)).StatusCode);
        using var other = new BrowserSession(server);
        Assert.Contains(SignIn.WrongCredentials, await (await other.SignInAsync(email, password)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await other.SignInAsync(email, newPassword)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);
        await browser.SignInAsync(email, password);

        var token = await browser.ReadTokenAsync(Page);
        var refused = await browser.Client.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.CurrentPassword"] = "Wrong-password-1",
            ["Input.NewPassword"] = "Another-password-2",
            ["Input.ConfirmPassword"] = "Another-password-2",
        }));

        Assert.Contains("Incorrect password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var other = new BrowserSession(server);
        Assert.Equal(HttpStatusCode.Found, (await other.SignInAsync(email, password)).StatusCode);
    }

    [Fact]
    public async Task The_api_without_a_key_is_still_401_problem_json_never_a_redirect()
    {
        using var browser = new BrowserSession(server);

        var response = await browser.Client.GetAsync("/api/v1/devices");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task The_api_asked_for_html_without_a_key_is_401_not_a_redirect_to_sign_in()
    {
        using var browser = new BrowserSession(server);
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await browser.Client.GetAsync("/api/v1/devices");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData(PersonRoles.Administrator, true, true, true)]
    [InlineData(PersonRoles.Dispatcher, true, true, false)]
    [InlineData(PersonRoles.Technician, true, false, false)]
    public async Task A_person_gets_the_policies_of_a_key_of_the_same_role(string role, bool read, bool dispatch, bool administer)
    {
        var (email, _) = await BrowserSession.CreatePersonAsync(server, role);
        using var scope = server.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<FieldlinkUser>>();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!);

        Assert.Equal(read, (await authorization.AuthorizeAsync(principal, AuthPolicies.Read)).Succeeded);
        Assert.Equal(dispatch, (await authorization.AuthorizeAsync(principal, AuthPolicies.Dispatch)).Succeeded);
        Assert.Equal(administer, (await authorization.AuthorizeAsync(principal, AuthPolicies.Administer)).Succeeded);
    }
}
