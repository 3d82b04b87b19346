using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Pages.Admin;

/// <summary>
/// The device category pages in Chromium, for an Administrator: a category created from the list, a measure with its
/// thresholds added and saved and still there after a reload; a threshold the resource refuses shown on its input; and
/// the axe scan of both pages, wide and on a phone.
/// </summary>
public abstract class CategoryPagesTests(FieldlinkServer server, Chromium chromium) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
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
    public async Task An_administrator_creates_a_category_adds_a_measure_with_thresholds_and_sees_it_saved()
    {
        var name = Registry.Unique("Fridge");
        await OpenListAsync();
        await _page.GetByLabel("New category name").FillAsync(name);
        await _page.GetByTestId("create-category").ClickAsync();

        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/categories/[0-9a-f-]{36}$"));
        await LiveAsync();
        await _page.GetByTestId("add-measure").ClickAsync();
        var measure = _page.GetByTestId("measure-0");
        await measure.GetByLabel("Name").FillAsync("temperature");
        await measure.GetByLabel("Unit").FillAsync("°C");
        await measure.GetByLabel("Low threshold").FillAsync("2");
        await measure.GetByLabel("High threshold").FillAsync("8");
        await measure.GetByLabel("Hysteresis").FillAsync("0.5");
        await _page.GetByTestId("save-category").ClickAsync();
        await Expect(_page.GetByText($"Device category '{name}' saved.")).ToBeVisibleAsync();

        await _page.ReloadAsync();
        await LiveAsync();
        await Expect(measure.GetByLabel("Name")).ToHaveValueAsync("temperature");
        await Expect(measure.GetByLabel("Unit")).ToHaveValueAsync("°C");
        await Expect(measure.GetByLabel("Low threshold")).ToHaveValueAsync("2");
        await Expect(measure.GetByLabel("High threshold")).ToHaveValueAsync("8");
        await Expect(measure.GetByLabel("Hysteresis")).ToHaveValueAsync("0.5");

        await OpenListAsync();
        await _page.GetByLabel("Search name or description").FillAsync(name);
        var row = _page.Locator(".mud-table-body tr.mud-table-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task A_threshold_the_resource_refuses_is_shown_on_its_input_and_nothing_is_saved()
    {
        var category = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Pump"), measures = new[] { new { name = "flow", unit = "l/min" } } });

        await _page.GotoAsync($"/admin/categories/{category.Id()}");
        await LiveAsync();
        await _page.GetByTestId("add-measure").ClickAsync();
        var measure = _page.GetByTestId("measure-1");
        await measure.GetByLabel("Name").FillAsync("pressure");
        await measure.GetByLabel("Low threshold").FillAsync("10");
        await measure.GetByLabel("High threshold").FillAsync("5");
        await _page.GetByTestId("save-category").ClickAsync();

        await Expect(_page.GetByText("Not saved: 1 field needs a change (shown on the form).")).ToBeVisibleAsync();
        var low = measure.Locator(".mud-input-control").Filter(new() { Has = _page.GetByLabel("Low threshold") });
        await Expect(low).ToContainTextAsync("The low threshold must be below the high threshold.");
        await Expect(measure.Locator(".mud-input-control").Filter(new() { Has = _page.GetByLabel("High threshold") }))
            .Not.ToContainTextAsync("threshold must");
        await Expect(_page.GetByTestId("measure-0")).Not.ToContainTextAsync("threshold must");
        await Expect(_page.GetByTestId("other-errors")).ToHaveCountAsync(0);

        await _page.ReloadAsync();
        await LiveAsync();
        await Expect(_page.GetByTestId("measure-1")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_save_after_someone_elses_change_is_refused_with_a_message_and_theirs_is_kept()
    {
        var category = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Boiler"), measures = new[] { new { name = "flow", unit = "l/min" } } });
        await _page.GotoAsync($"/admin/categories/{category.Id()}");
        await LiveAsync();

        var patch = await _admin.PatchJsonAsync($"/api/v1/deviceCategories/{category.Id()}", new { description = "Changed through the API" });
        Assert.Equal(System.Net.HttpStatusCode.OK, patch.StatusCode);
        await _page.GetByTestId("measure-0").GetByLabel("Unit").FillAsync("m³/h");
        await _page.GetByTestId("save-category").ClickAsync();

        await Expect(_page.GetByText("Not saved: someone else changed the device category after you opened it.")).ToBeVisibleAsync();
        await _page.GetByTestId("reload-category").ClickAsync();
        await Expect(_page.GetByLabel("Description")).ToHaveValueAsync("Changed through the API");
        await Expect(_page.GetByTestId("measure-0").GetByLabel("Unit")).ToHaveValueAsync("l/min");
    }

    [Fact]
    public async Task Both_pages_pass_axe_wide_and_on_a_phone()
    {
        var category = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Chiller"),
            description = "Process chillers on the roof",
            measures = new object[] { new { name = "temperature", unit = "°C", low = 2, high = 8, hysteresis = 0.5 }, new { name = "pressure", unit = "bar", high = 12 } },
            commands = new[] { new { name = "Set Values", description = "Sets the target", parameters = new object[] { new { name = "target", type = "DecimalNumber", unit = "°C", required = true, @default = 4.5 }, new { name = "mode", type = "String", editable = false, @default = "eco" } } } },
            tiles = new object[] { new { measure = "temperature", aggregation = "Max", timeRange = 24, timeUnit = "Hours" }, new { source = "Alerts", timeRange = 7 } },
        });
        var path = $"/admin/categories/{category.Id()}";

        await OpenListAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-categories-1280-{GetType().Name}");
        await _page.GotoAsync(path);
        await LiveAsync();
        await Expect(_page.GetByTestId("tile-0-label")).ToHaveTextAsync("1. Highest temperature, last 24 hours");
        await Accessibility.AssertNoSeriousViolationsAsync(_page);
        await Screenshots.TakeAsync(_page, $"admin-category-1280-{GetType().Name}");
        await _page.GetByTestId("tiles").ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(_page, $"admin-category-tiles-1280-{GetType().Name}");

        var phone = await SignedIn.NewPageAsync(chromium, server, PersonRoles.Administrator, PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await phone.GotoAsync("/admin/categories");
            await Expect(phone.GetByTestId("categories-grid")).ToBeVisibleAsync();
            // Live first: a prerendered page's inputs and buttons are disabled, and drawn too faint for axe.
            await Expect(phone.GetByTestId("create-category")).ToBeEnabledAsync();
            await PhoneWidth.AssertFitsAsync(phone);
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, $"admin-categories-390-{GetType().Name}");
            await phone.GotoAsync(path);
            await Expect(phone.GetByTestId("save-category")).ToBeEnabledAsync();
            await PhoneWidth.AssertFitsAsync(phone);
            await Accessibility.AssertNoSeriousViolationsAsync(phone);
            await Screenshots.TakeAsync(phone, $"admin-category-390-{GetType().Name}");
            await phone.GetByTestId("commands").ScrollIntoViewIfNeededAsync();
            await Screenshots.TakeAsync(phone, $"admin-category-commands-390-{GetType().Name}");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    private async Task OpenListAsync()
    {
        await _page.GotoAsync("/admin/categories");
        await Expect(_page.GetByTestId("no-rows").Or(_page.Locator(".mud-table-body tr.mud-table-row").First)).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Loading"));
        await Expect(_page.GetByTestId("create-category")).ToBeEnabledAsync();
    }

    /// <summary>Waits for the live page: its buttons are disabled while it is only prerendered.</summary>
    private Task LiveAsync() => Expect(_page.GetByTestId("save-category")).ToBeEnabledAsync();
}

[Collection(BrowserTestGroup.Name)]
public sealed class CategoryPagesOnSqliteTests(SqliteServer server, Chromium chromium) : CategoryPagesTests(server, chromium), IClassFixture<SqliteServer>;
