using System.Net;
using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Settings;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// What the IoT settings page does, on a real store: a save is read back by the page and the API alike; the values
/// <c>PATCH /api/v1/settings</c> refuses are refused on their fields and nothing is written; a form read before someone
/// else's save is refused; only an Administrator may save.
/// </summary>
public abstract class SettingsEditingTests(FieldlinkServer server)
{
    private static readonly ClaimsPrincipal Administrator = Person(PersonRoles.Administrator);

    private readonly HttpClient _admin = server.Client();

    private SettingsEditing Editing => server.Services.GetRequiredService<SettingsEditing>();

    [Fact]
    public async Task Saved_settings_read_back_on_the_page_and_through_the_api()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var draft = await Editing.LoadAsync(CancellationToken.None);
        draft.AlertGroupingWindowMinutes = 12.5;
        draft.SetGroupingField(AlertGroupingField.AlertType, true);
        draft.ScheduledPullsEnabled = true;
        draft.ScheduledPullIntervalMinutes = 30;
        draft.CommandNameProperty = " Command ";
        draft.DefaultProviderInstance = Assert.Single(await Editing.InstancesAsync((string)instance["name"]!, CancellationToken.None));

        var reply = await Editing.SaveAsync(Administrator, draft, CancellationToken.None);

        Assert.True(reply.Succeeded, reply.Message);
        var saved = await Editing.LoadAsync(CancellationToken.None);
        Assert.Equal((12.5, 30d, "Command", instance.Id()), (saved.AlertGroupingWindowMinutes, saved.ScheduledPullIntervalMinutes, saved.CommandNameProperty, saved.DefaultProviderInstance!.Id));
        Assert.Contains(AlertGroupingField.AlertType, saved.AlertGroupingFields);
        var api = await (await _admin.GetAsync(new Uri("/api/v1/settings", UriKind.Relative))).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("PT12M30S", (string)api["alertGroupingWindow"]!);
        Assert.True((bool)api["scheduledPullsEnabled"]!);
    }

    [Fact]
    public async Task Values_the_api_refuses_are_refused_on_their_fields_and_nothing_is_written()
    {
        var before = await Editing.LoadAsync(CancellationToken.None);
        var draft = await Editing.LoadAsync(CancellationToken.None);
        draft.AlertGroupingWindowMinutes = 0;
        draft.ScheduledPullIntervalMinutes = 0.5;
        draft.CommandParametersProperty = " ";
        draft.DefaultProviderInstance = new NamedRecord(Guid.NewGuid(), "Gone");

        var reply = await Editing.SaveAsync(Administrator, draft, CancellationToken.None);

        Assert.False(reply.Succeeded);
        Assert.Equal("The window must be more than zero and at most P7D.", reply.Errors.Of("alertGroupingWindow"));
        Assert.Equal("The interval must be at least PT1M.", reply.Errors.Of("scheduledPullInterval"));
        Assert.Equal("The commandParametersProperty field is required.", reply.Errors.Of("commandParametersProperty"));
        Assert.StartsWith("There is no provider instance with id", reply.Errors.Of("defaultProviderInstanceId"), StringComparison.Ordinal);
        var after = await Editing.LoadAsync(CancellationToken.None);
        Assert.Equal((before.Version, before.AlertGroupingWindowMinutes), (after.Version, after.AlertGroupingWindowMinutes));
    }

    [Fact]
    public async Task A_form_read_before_another_save_is_refused_and_the_other_save_is_kept()
    {
        var mine = await Editing.LoadAsync(CancellationToken.None);
        var patch = await _admin.PatchJsonAsync("/api/v1/settings", new { alertGroupingWindow = "PT7M" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        mine.AlertGroupingWindowMinutes = 9;
        var stale = await Editing.SaveAsync(Administrator, mine, CancellationToken.None);

        Assert.Equal((false, FormReply.StaleMessage("settings")), (stale.Succeeded, stale.Message));
        Assert.Equal(7d, (await Editing.LoadAsync(CancellationToken.None)).AlertGroupingWindowMinutes);
    }

    [Fact]
    public async Task A_dispatcher_may_not_save_the_settings()
    {
        var draft = await Editing.LoadAsync(CancellationToken.None);
        draft.AutoPullOnAlert = !draft.AutoPullOnAlert;

        var reply = await Editing.SaveAsync(Person(PersonRoles.Dispatcher), draft, CancellationToken.None);

        Assert.Equal((false, PersonCheck.AdministratorsOnly), (reply.Succeeded, reply.Message));
        Assert.Equal(draft.Version, (await Editing.LoadAsync(CancellationToken.None)).Version);
    }

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.com"), new Claim(ClaimTypes.Role, role)], "test"));
}

public sealed class SettingsEditingOnSqliteTests(SqliteServer server) : SettingsEditingTests(server), IClassFixture<SqliteServer>;

public sealed class SettingsEditingOnPostgresTests(PostgresServer server) : SettingsEditingTests(server), IClassFixture<PostgresServer>;
