using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Api.Cases;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fieldlink.Web.Tests.Docs;

/// <summary>
/// The pictures in docs/web.md, taken from the running app: the demo (<c>Demo=true</c>) with a scene made through the
/// API as a connector and a dispatcher would make it — a day of readings, a few alerts (one a group), a case and a
/// work order from the group's parent, a command. Saved in <c>$FIELDLINK_DOCS_SCREENSHOTS</c> when set
/// (<c>docs/screenshots.sh</c> sets it to docs/images), else with the other screenshots; in the normal suite it checks
/// that every page pictured rendered without the error boundary and passes axe.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DocsScreenshots(DocsScreenshots.DemoServer server, Chromium chromium) : IClassFixture<DocsScreenshots.DemoServer>
{
    private const string ErrorBoundaryText = "Something went wrong while showing this page";

    private static readonly string Directory = Environment.GetEnvironmentVariable("FIELDLINK_DOCS_SCREENSHOTS") is { Length: > 0 } path
        ? System.IO.Directory.CreateDirectory(path).FullName
        : Screenshots.Directory;

    private const string DispatcherEmail = "ana.dispatcher@example.com";

    private const string AdministratorEmail = "ola.admin@example.com";

    private readonly HttpClient _admin = server.Client();
    private string? _password;

    [Fact]
    public async Task The_docs_pages_render_without_error_and_pass_axe()
    {
        SetDefaultExpectTimeout(30_000);
        var scene = await SceneAsync();

        var signIn = await chromium.NewPageAsync(server.Client(null).BaseAddress!);
        try
        {
            await signIn.GotoAsync("/account/signin");
            await Expect(signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await ShootAsync(signIn, "signin");
        }
        finally
        {
            await signIn.Context.CloseAsync();
        }

        var page = await SignInAsync(1280, 800);
        try
        {
            await page.GotoAsync("/");
            await Expect(page.Locator(".mud-table-body tr.mud-table-row").GetByText("Supply air temperature high").First).ToBeVisibleAsync();
            await ShootAsync(page, "alerts");

            await page.GotoAsync($"/alerts/{scene.Parent}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Supply air temperature high", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("alert-time")).Not.ToBeEmptyAsync();
            await ShootAsync(page, "alert");

            await page.GotoAsync("/devices");
            await Expect(page.Locator(".mud-table-body tr.mud-table-row").GetByText("HVAC sensor 01")).ToBeVisibleAsync();
            await ShootAsync(page, "devices");

            await page.GotoAsync($"/devices/{scene.Device.Id()}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "HVAC sensor 01", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("readings-chart").Locator(".scatterlayer .trace").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("commands-grid")).ToContainTextAsync("Set Values");
            await page.GetByTestId("readings-chart").ScrollIntoViewIfNeededAsync();
            await ShootAsync(page, "device");

            await page.GotoAsync($"/assets/{scene.Device["customerAssetId"]}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rooftop HVAC 1", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("alerts")).ToContainTextAsync("Supply air temperature high");
            await ShootAsync(page, "asset");

            await page.GotoAsync($"/cases/{scene.Case}");
            await Expect(page.GetByTestId("source")).ToContainTextAsync("Supply air temperature high");
            // Live: a prerendered page's buttons stay disabled until its circuit runs.
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resolve" })).ToBeEnabledAsync();
            await Expect(page.GetByTestId("create-work-order")).ToBeEnabledAsync();
            await Expect(page.GetByLabel("Instructions for the technician (optional)")).ToBeEnabledAsync();
            await ShootAsync(page, "case");

            await page.GotoAsync($"/workorders/{scene.WorkOrder}");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Schedule" })).ToBeEnabledAsync();
            await ShootAsync(page, "workorder");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        await ShootAdministrationAsync(scene.Device);

        var phone = await SignInAsync(PhoneWidth.Width, PhoneWidth.Height);
        try
        {
            await Expect(phone.Locator(".mud-table-body tr.mud-table-row").GetByText("Supply air temperature high").First).ToBeVisibleAsync();
            await ShootAsync(phone, "alerts-phone");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The administration pages, as an Administrator sees them: the providers, the demo's simulator instance Connected
    /// with its process, the HVAC sensors' category, and the API keys (one made through the API, so the list is not empty).
    /// </summary>
    private async Task ShootAdministrationAsync(JsonObject device)
    {
        var instance = await (await _admin.GetAsync($"/api/v1/providerInstances/{device["providerInstanceId"]}")).ReadObjectAsync(HttpStatusCode.OK);
        var provider = (string)instance["providerId"]!;
        var category = (string)device["categoryId"]!;
        await (await _admin.PostJsonAsync("/api/v1/apiKeys", new { name = "Rooftop gateway", role = "Endpoint", providerInstanceId = instance.Id() }))
            .ReadObjectAsync(HttpStatusCode.Created);

        var page = await chromium.NewPageAsync(server.Client(null).BaseAddress!, 1280, 800);
        try
        {
            await SignedIn.SignInAsync(page, AdministratorEmail, await PersonAsync(AdministratorEmail, PersonRoles.Administrator));
            await page.GotoAsync("/admin/providers");
            await Expect(page.GetByTestId("provider-row").First).ToBeVisibleAsync();
            // Live: a prerendered page's buttons stay disabled until its circuit runs.
            await Expect(page.GetByTestId("new-provider")).ToBeEnabledAsync();
            await ShootAsync(page, "admin-providers");

            await page.GotoAsync($"/admin/providers/{provider}");
            await Expect(page.GetByTestId("connection-state").First).ToHaveTextAsync("Connected");
            await Expect(page.GetByTestId("new-instance")).ToBeEnabledAsync();
            await ShootAsync(page, "admin-provider");

            await page.GotoAsync($"/admin/categories/{category}");
            await Expect(page.GetByTestId("save-category")).ToBeEnabledAsync();
            await ShootAsync(page, "admin-category");

            await page.GotoAsync("/admin/keys");
            await Expect(page.GetByTestId("keys")).ToContainTextAsync("Rooftop gateway");
            await Expect(page.GetByTestId("new-key")).ToBeEnabledAsync();
            await ShootAsync(page, "admin-keys");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Makes a person with <paramref name="role"/> in the demo's store, and answers their generated password.</summary>
    private async Task<string> PersonAsync(string email, string role)
    {
        var password = GeneratedPassword.New();
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        var person = new FieldlinkUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(person, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(person, role)).Succeeded);
        return password;
    }

    /// <summary>A page signed in as the pictures' Dispatcher, whose e-mail the app bar shows; waits for the alerts list.</summary>
    private async Task<IPage> SignInAsync(int width, int height)
    {
        _password ??= await PersonAsync(DispatcherEmail, PersonRoles.Dispatcher);

        var page = await chromium.NewPageAsync(server.Client(null).BaseAddress!, width, height);
        await SignedIn.SignInAsync(page, DispatcherEmail, _password);
        await Expect(page.Locator(".mud-table-body tr.mud-table-row").GetByText("Supply air temperature high").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Checks the page and saves what the window shows.</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        await Expect(page.GetByText(ErrorBoundaryText)).ToHaveCountAsync(0);
        // Snackbars fade (axe would measure them half transparent) and would hide part of the picture.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Accessibility.WaitUntilStillAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Directory, name + ".png"), FullPage = false });
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>What the pictures show, on the demo's HVAC sensor 01 (Rooftop HVAC 1, Contoso Facilities) and a few others.</summary>
    private async Task<(JsonObject Device, Guid Parent, Guid Case, Guid WorkOrder)> SceneAsync()
    {
        var sensors = new List<JsonObject>();
        for (var i = 1; i <= 6; i++)
        {
            var found = await (await _admin.GetAsync($"/api/v1/devices?$filter=deviceId eq 'sim-{i:00}'")).ReadObjectAsync(HttpStatusCode.OK);
            sensors.Add(Assert.Single(found["value"]!.AsArray())!.AsObject());
        }

        var device = sensors[0];
        var instance = Guid.Parse((string)device["providerInstanceId"]!);
        var id = device.Id();

        foreach (var sensor in sensors)
        {
            Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/v1/devices/{sensor.Id()}/register", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/v1/devices/{id}/pull", null)).StatusCode);

        // A day of readings every ten minutes: a daily swing in temperature, humidity moving against it.
        var now = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 144)
            .Select(i => (object)new
            {
                deviceId = (string)device["deviceId"]!,
                timestamp = now.AddMinutes(-10 * (144 - i)),
                values = new { temperature = Math.Round(21 + (4 * Math.Sin(i * Math.PI / 72)) + (i % 5 * 0.2), 1), humidity = Math.Round(48 - (8 * Math.Sin(i * Math.PI / 72)), 1) },
            })
            .ToArray();
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance}", readings)).StatusCode);

        // Three reports of one fault a minute apart group under the first; others from other sensors stand alone.
        var parent = (await AlertPosts.CreateAsync(_admin, instance, Alert(device, "Supply air temperature high", "Anomaly", now.AddMinutes(-40)))).AlertId();
        await AlertPosts.CreateAsync(_admin, instance, Alert(device, "Supply air temperature high", "Anomaly", now.AddMinutes(-39)));
        await AlertPosts.CreateAsync(_admin, instance, Alert(device, "Supply air temperature high", "Anomaly", now.AddMinutes(-38)));
        await AlertPosts.CreateAsync(_admin, instance, Alert(sensors[1], "Filter change due", "PreventiveMaintenance", now.AddHours(-3)));
        await AlertPosts.CreateAsync(_admin, instance, Alert(sensors[3], "Humidity below 30 %", "Anomaly", now.AddHours(-2)));
        await AlertPosts.CreateAsync(_admin, instance, Alert(sensors[5], "Firmware 2.4.1 installed", "Info", now.AddMinutes(-90)));

        var made = await CaseScenario.CaseAsync(_admin, parent, new { title = "Rooftop unit 1 running hot", priority = "High" });
        var order = await CaseScenario.WorkOrderAsync(_admin, made.Id(), new { instructions = "Check the supply fan belt and the condenser coil." });

        var command = await (await _admin.PostJsonAsync($"/api/v1/devices/{id}/commands", new
        {
            name = "Set Values",
            alertId = parent,
            parameters = new JsonObject { ["Reading"] = new JsonObject { ["Temperature"] = "19", ["Humidity"] = "45" } },
        })).ReadObjectAsync(HttpStatusCode.Accepted);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while ((string)(await (await _admin.GetAsync($"/api/v1/commands/{command.Id()}")).ReadObjectAsync(HttpStatusCode.OK))["status"]! != "Succeeded")
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The command did not succeed.");
            await Task.Delay(200);
        }

        return (device, parent, made.Id(), order.Id());
    }

    private static object Alert(JsonObject device, string description, string type, DateTimeOffset time) =>
        new { deviceId = (string)device["deviceId"]!, description, alertType = type, alertTime = time };

    /// <summary>A server started as <c>fieldlink serve --demo</c> would be, on its own SQLite file.</summary>
    public sealed class DemoServer : SqliteServer
    {
        public DemoServer() => With("Demo", "true");
    }
}
