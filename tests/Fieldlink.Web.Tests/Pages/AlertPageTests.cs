using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Api.Cases;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages;

/// <summary>An alert's page and the profile's time zone, in Chromium, on alerts ingested through the API.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AlertPageTests(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Dispatcher_turns_an_alert_into_a_case_and_a_work_order_from_its_page()
    {
        SetDefaultExpectTimeout(20_000);
        var (alert, device, description) = await AlertAsync();
        var page = await SignedIn.NewPageAsync(chromium, server);
        try
        {
            // From the list, by the description's link, as a person would.
            await page.GetByLabel("Search description or device").FillAsync(description);
            await page.GetByRole(AriaRole.Link, new() { Name = description }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/alerts/{alert}$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = description, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = (string)device["name"]! })).ToHaveAttributeAsync("href", $"devices/{device.Id()}");
            await Expect(page.GetByTestId("alert-data")).ToContainTextAsync("\"pressure\": 1.5");
            await Expect(page.GetByText("No case yet.")).ToBeVisibleAsync();
            await Expect(page.GetByText("No commands yet.")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Create case" }).ClickAsync();
            await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Case .+ created\\.$"))).ToBeVisibleAsync();
            await Expect(page.GetByTestId("alert-case")).ToContainTextAsync("(Active)");
            await Expect(page.GetByTestId("alert-status")).ToHaveTextAsync("InProgress");

            await page.GetByRole(AriaRole.Button, new() { Name = "Create work order" }).ClickAsync();
            await Expect(page.GetByTestId("alert-work-order")).ToContainTextAsync("(Unscheduled)");
            var caseLink = page.GetByTestId("alert-case").GetByRole(AriaRole.Link);
            var orderLink = page.GetByTestId("alert-work-order").GetByRole(AriaRole.Link);
            await Expect(caseLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^cases/[0-9a-f-]{36}$"));
            await Expect(orderLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^workorders/[0-9a-f-]{36}$"));

            var stored = await AlertPosts.ReadAsync(_admin, alert);
            Assert.Equal((await caseLink.GetAttributeAsync("href"))!["cases/".Length..], (string)stored["caseId"]!);

            await Screenshots.TakeAsync(page, "alert-1280");
            await NoSnackbarAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Dispatcher_closes_an_alert_saying_why_and_the_page_and_the_api_keep_the_note()
    {
        SetDefaultExpectTimeout(20_000);
        var (alert, _, description) = await AlertAsync();
        var page = await SignedIn.NewPageAsync(chromium, server);
        try
        {
            await page.GetByLabel("Search description or device").FillAsync(description);
            await page.GetByRole(AriaRole.Link, new() { Name = description }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = description, Level = 1 })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "Closed" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Change the alert to Closed" })).ToBeVisibleAsync();
            await dialog.GetByLabel("Why (optional)").FillAsync("False alarm: sensor recalibrated");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Change to Closed" }).ClickAsync();

            await Expect(page.GetByTestId("alert-status")).ToHaveTextAsync("Closed");
            await Expect(page.GetByTestId("status-note-shown")).ToHaveTextAsync("False alarm: sensor recalibrated");
            var stored = await AlertPosts.ReadAsync(_admin, alert);
            Assert.Equal(("Closed", "Manual", "False alarm: sensor recalibrated"), ((string)stored["status"]!, (string)stored["statusReason"]!, (string)stored["statusNote"]!));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Technician_sees_no_action_on_the_list_or_the_alert_page()
    {
        SetDefaultExpectTimeout(20_000);
        var (alert, _, description) = await AlertAsync();
        var page = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Technician);
        try
        {
            await page.GetByLabel("Search description or device").FillAsync(description);
            await Expect(page.Locator(".mud-table-body tr.mud-table-row")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("selection-actions")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(0);

            await page.GotoAsync($"/alerts/{alert}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = description, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("alert-fields")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("alert-actions")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create case" })).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Unknown_alert_id_says_there_is_none()
    {
        SetDefaultExpectTimeout(20_000);
        var page = await SignedIn.NewPageAsync(chromium, server);
        try
        {
            await page.GotoAsync($"/alerts/{Guid.NewGuid()}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No alert with this id", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the alerts" })).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_profiles_time_zone_changes_the_times_shown_on_every_page()
    {
        SetDefaultExpectTimeout(20_000);
        var (alert, _, _) = await AlertAsync();
        var page = await SignedIn.NewPageAsync(chromium, server);
        try
        {
            // Chromium here runs in UTC, the browser's zone the page uses until the person chooses one.
            await page.GotoAsync($"/alerts/{alert}");
            await Expect(page.GetByTestId("alert-time")).ToHaveTextAsync("2026-11-30 08:00:00 (UTC)");

            await page.GotoAsync("/profile");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your profile", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("current-zone")).ToHaveTextAsync("UTC");
            await page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("Kolkata");
            await page.GetByRole(AriaRole.Option, new() { Name = "Asia/Kolkata" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByText("Times are now shown in Asia/Kolkata.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("current-zone")).ToHaveTextAsync("Asia/Kolkata");
            await Screenshots.TakeAsync(page, "profile-1280");
            await NoSnackbarAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page);

            // A new page (a new circuit) reads the choice from the person's profile.
            await page.GotoAsync($"/alerts/{alert}");
            await Expect(page.GetByTestId("alert-time")).ToHaveTextAsync("2026-11-30 13:30:00 (Asia/Kolkata)");

            // So do the other pages, which learn the zone in the same way: a case's shows its alert's time there too.
            var made = await CaseScenario.CaseAsync(_admin, alert);
            await page.GotoAsync($"/cases/{made.Id()}");
            await Expect(page.GetByTestId("source")).ToContainTextAsync("Alert time2026-11-30 13:30:00");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Alert_and_profile_pages_work_on_a_phone()
    {
        SetDefaultExpectTimeout(20_000);
        var (alert, _, description) = await AlertAsync();
        var page = await SignedIn.NewPageAsync(chromium, server, width: 390, height: 844);
        try
        {
            await page.GotoAsync($"/alerts/{alert}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = description, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("alert-data")).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "alert-390");

            await page.GotoAsync("/profile");
            await Expect(page.GetByTestId("current-zone")).Not.ToHaveTextAsync("…");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "profile-390");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Waits for the snackbars to go: axe measures a snackbar's contrast while it fades in or out (its colours then
    /// partly transparent), which is no fault of its colours.
    /// </summary>
    private static Task NoSnackbarAsync(IPage page) =>
        Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

    /// <summary>An alert with data, at 08:00 UTC, on a registered device.</summary>
    private async Task<(Guid Alert, System.Text.Json.Nodes.JsonObject Device, string Description)> AlertAsync()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id(), name: Registry.Unique("Boiler"));
        var description = Registry.Unique("Burner lockout");
        var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new
        {
            deviceId = (string)device["deviceId"]!,
            description,
            alertType = "Anomaly",
            alertTime = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero),
            data = new { pressure = 1.5, unit = "bar" },
        });
        return (alert.AlertId(), device, description);
    }
}
