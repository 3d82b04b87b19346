using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages.Admin;

/// <summary>
/// The IoT settings page in Chromium: an Administrator saves the alert grouping window and a reload shows it; a window the
/// API refuses is shown on its input; a Dispatcher is shown the access-denied page; axe wide and on a phone.
/// </summary>
public abstract class IoTSettingsPageTests(FieldlinkServer server, Chromium chromium) : IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        _page = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator);
        _page.PageError += (_, error) => _pageErrors.Add(error);
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task The_grouping_window_saved_is_shown_after_a_reload_and_a_refused_one_on_its_input()
    {
        await OpenAsync(_page);
        var window = _page.GetByLabel("Grouping window (minutes)");
        await window.FillAsync("0");
        await _page.GetByTestId("save-settings").ClickAsync();
        await Expect(_page.Locator(".mud-input-control").Filter(new() { Has = window }))
            .ToContainTextAsync("The window must be more than zero and at most P7D.");

        await window.FillAsync("12.5");
        await _page.GetByLabel("Alert type").CheckAsync();
        await _page.GetByTestId("save-settings").ClickAsync();
        await Expect(_page.GetByText("IoT settings saved.")).ToBeVisibleAsync();
        await Expect(_page.Locator(".mud-input-control").Filter(new() { Has = window })).Not.ToContainTextAsync("The window must");

        await _page.ReloadAsync();
        await OpenAsync(_page);
        await Expect(_page.GetByLabel("Grouping window (minutes)")).ToHaveValueAsync("12.5");
        await Expect(_page.GetByLabel("Alert type")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task A_dispatcher_sees_the_access_denied_page()
    {
        var dispatcher = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Dispatcher);
        try
        {
            await dispatcher.GotoAsync("/admin/settings");
            await Expect(dispatcher.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Expect(dispatcher.GetByTestId("save-settings")).ToHaveCountAsync(0);
        }
        finally
        {
            await dispatcher.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_page_passes_axe_wide_and_on_a_phone()
    {
        await OpenAsync(_page);
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-settings-1280-{GetType().Name}");
        await _page.GetByTestId("save-settings").ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(_page, $"admin-settings-end-1280-{GetType().Name}");

        var phone = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator, PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await OpenAsync(phone);
            await PhoneWidth.AssertFitsAsync(phone);
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, $"admin-settings-390-{GetType().Name}");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>Opens the page if not there, and waits until it is live (its inputs are disabled while prerendered).</summary>
    private static async Task OpenAsync(IPage page)
    {
        if (!page.Url.EndsWith("/admin/settings", StringComparison.Ordinal))
        {
            await page.GotoAsync("/admin/settings");
        }

        await Expect(page.GetByTestId("save-settings")).ToBeEnabledAsync();
    }
}

[Collection(BrowserTestGroup.Name)]
public sealed class IoTSettingsPageOnSqliteTests(SqliteServer server, Chromium chromium) : IoTSettingsPageTests(server, chromium), IClassFixture<SqliteServer>;
