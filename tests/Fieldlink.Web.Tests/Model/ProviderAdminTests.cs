using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// What the providers pages read and do, called as the pages call them, on a real server and store: providers and
/// instances saved through the API's checks (errors named as the API names them), secrets stored but never read back
/// and kept when an edit does not replace them, a change made meanwhile refused, and every action refused to a
/// person who is not an Administrator.
/// </summary>
public abstract class ProviderAdminTests(FieldlinkServer server)
{
    private static readonly ClaimsPrincipal Administrator = Person(PersonRoles.Administrator);
    private static readonly ClaimsPrincipal Dispatcher = Person(PersonRoles.Dispatcher);

    private readonly HttpClient _admin = server.Client();

    private ProviderAdmin Admin => server.Services.GetRequiredService<ProviderAdmin>();

    private ProviderActions Providers => server.Services.GetRequiredService<ProviderActions>();

    private InstanceActions Instances => server.Services.GetRequiredService<InstanceActions>();

    [Fact]
    public async Task An_instance_s_secret_is_stored_shown_only_as_set_and_kept_by_an_edit_that_does_not_replace_it()
    {
        var provider = await ProviderAsync();
        var detail = (await Admin.ProviderAsync(provider, CancellationToken.None))!;
        var draft = InstanceDraft.New(provider, detail.Connector);
        draft.Name = "Plant A";
        Setting(draft, "host").Text = "plant-a.example";
        Setting(draft, "password").Replace();
        Setting(draft, "password").Text = "first-secret";

        var created = await Instances.SaveAsync(Administrator, draft, CancellationToken.None);

        Assert.True(created.Succeeded, created.Message);
        var view = Assert.Single((await Admin.ProviderAsync(provider, CancellationToken.None))!.Instances);
        Assert.Equal(["password"], view.SecretsSet);
        Assert.False(view.Instance.Settings.ContainsKey("password"));
        Assert.Equal("plant-a.example", (string)view.Instance.Settings["host"]!);

        var edit = InstanceDraft.Of(view, detail.Connector);
        Assert.True(Setting(edit, "password").SecretSet);
        Assert.Null(Setting(edit, "password").Text);
        Setting(edit, "host").Text = "plant-a2.example";
        Assert.True((await Instances.SaveAsync(Administrator, edit, CancellationToken.None)).Succeeded);
        Assert.Equal(("plant-a2.example", "first-secret"), await StoredAsync(view.Instance.Id));

        var replace = InstanceDraft.Of(Assert.Single((await Admin.ProviderAsync(provider, CancellationToken.None))!.Instances), detail.Connector);
        Setting(replace, "password").Replace();
        Setting(replace, "password").Text = "second-secret";
        Assert.True((await Instances.SaveAsync(Administrator, replace, CancellationToken.None)).Succeeded);
        Assert.Equal(("plant-a2.example", "second-secret"), await StoredAsync(view.Instance.Id));
    }

    [Fact]
    public async Task A_save_the_schema_refuses_names_each_setting_and_field_and_stores_nothing()
    {
        var provider = await ProviderAsync();
        var detail = (await Admin.ProviderAsync(provider, CancellationToken.None))!;
        var draft = InstanceDraft.New(provider, detail.Connector);
        Setting(draft, "port").Number = 70_000;
        Setting(draft, "behaviour").Text = "sometimes";

        var reply = await Instances.SaveAsync(Administrator, draft, CancellationToken.None);
        draft.ShowErrors(reply.Errors.All);

        Assert.False(reply.Succeeded);
        Assert.Contains("settings.port", reply.Errors.Fields);
        Assert.NotNull(Setting(draft, "port").Error);
        Assert.NotNull(Setting(draft, "behaviour").Error);
        Assert.NotNull(Setting(draft, "host").Error); // required, and empty
        Assert.NotNull(draft.ErrorOf("name"));
        Assert.Empty((await Admin.ProviderAsync(provider, CancellationToken.None))!.Instances);

        var unknown = await Providers.SaveAsync(Administrator, new ProviderDraft { Name = $"P {Guid.NewGuid():N}", Connector = "no-such-connector" }, CancellationToken.None);
        Assert.Contains("No connector 'no-such-connector' is installed", unknown.Errors.Of("connector"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_of_a_record_changed_meanwhile_is_refused_as_stale_and_overwrites_nothing()
    {
        var provider = await ProviderAsync();
        var row = (await Admin.ProvidersAsync(CancellationToken.None)).Single(r => r.Id == provider);
        var draft = ProviderDraft.Of(row);
        var patched = await _admin.PatchAsync(new Uri($"/api/v1/providers/{provider}", UriKind.Relative), JsonContent("""{"description":"changed by the API"}"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        draft.Description = "changed on the page";
        var reply = await Providers.SaveAsync(Administrator, draft, CancellationToken.None);

        Assert.True(reply.Stale, reply.Message);
        Assert.Equal(FormReply.StaleMessage("provider"), reply.Message);
        Assert.Equal("changed by the API", (await Admin.ProvidersAsync(CancellationToken.None)).Single(r => r.Id == provider).Description);
    }

    [Fact]
    public async Task Disabling_shows_the_instance_Disabled_and_a_provider_with_instances_is_not_deleted()
    {
        var provider = await ProviderAsync();
        var detail = (await Admin.ProviderAsync(provider, CancellationToken.None))!;
        var draft = InstanceDraft.New(provider, detail.Connector);
        draft.Name = "Plant B";
        Setting(draft, "host").Text = "plant-b.example";
        var instance = (await Instances.SaveAsync(Administrator, draft, CancellationToken.None)).Id!.Value;

        var disabled = await Instances.SetEnabledAsync(Administrator, instance, false, CancellationToken.None);
        var delete = await Providers.DeleteAsync(Administrator, provider, CancellationToken.None);

        Assert.True(disabled.Succeeded, disabled.Message);
        var view = Assert.Single((await Admin.ProviderAsync(provider, CancellationToken.None))!.Instances);
        Assert.Equal(InstanceConnectionState.Disabled, view.Instance.Connection.State);
        Assert.False(delete.Succeeded);
        Assert.Contains("still has 1 provider instance(s)", delete.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Admin.ProvidersAsync(CancellationToken.None)).Single(r => r.Id == provider).Instances);

        Assert.True((await Instances.DeleteAsync(Administrator, instance, CancellationToken.None)).Succeeded);
        Assert.True((await Providers.DeleteAsync(Administrator, provider, CancellationToken.None)).Succeeded);
        Assert.Null(await Admin.ProviderAsync(provider, CancellationToken.None));
    }

    [Fact]
    public async Task A_dispatcher_s_actions_are_refused_and_change_nothing()
    {
        var provider = await ProviderAsync();
        var detail = (await Admin.ProviderAsync(provider, CancellationToken.None))!;
        var draft = InstanceDraft.New(provider, detail.Connector);
        draft.Name = "Plant C";
        Setting(draft, "host").Text = "plant-c.example";

        var replies = new[]
        {
            (await Instances.SaveAsync(Dispatcher, draft, CancellationToken.None)).Message,
            (await Providers.SaveAsync(Dispatcher, new ProviderDraft { Name = "Nope", Connector = TestVendorConnector.ConnectorKey }, CancellationToken.None)).Message,
            (await Providers.DeleteAsync(Dispatcher, provider, CancellationToken.None)).Message,
        };

        Assert.All(replies, m => Assert.Equal(PersonCheck.AdministratorsOnly, m));
        Assert.Empty((await Admin.ProviderAsync(provider, CancellationToken.None))!.Instances);
        Assert.DoesNotContain(await Admin.ProvidersAsync(CancellationToken.None), r => r.Name == "Nope");
    }

    private async Task<Guid> ProviderAsync()
    {
        var reply = await Providers.SaveAsync(
            Administrator,
            new ProviderDraft { Name = $"Vendor {Guid.NewGuid():N}", Connector = TestVendorConnector.ConnectorKey, Description = "  Test vendor  " },
            CancellationToken.None);
        Assert.True(reply.Succeeded, reply.Message);
        var row = (await Admin.ProvidersAsync(CancellationToken.None)).Single(r => r.Id == reply.Id);
        Assert.Equal(("Test vendor", true, 0), (row.Description, row.ConnectorInstalled, row.Instances));
        return reply.Id!.Value;
    }

    private async Task<(string Host, string Password)> StoredAsync(Guid instance)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var settings = JsonNode.Parse((await db.ProviderInstances.AsNoTracking().SingleAsync(i => i.Id == instance)).Settings)!;
        return ((string)settings["host"]!, (string)settings["password"]!);
    }

    private static InstanceSettingField Setting(InstanceDraft draft, string name) => draft.Settings.Fields.Single(f => f.Name == name);

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/merge-patch+json");

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.com"), new Claim(ClaimTypes.Role, role)], "test"));
}

public sealed class ProviderAdminOnSqliteTests(SqliteServer server) : ProviderAdminTests(server), IClassFixture<SqliteServer>;

public sealed class ProviderAdminOnPostgresTests(PostgresServer server) : ProviderAdminTests(server), IClassFixture<PostgresServer>;
