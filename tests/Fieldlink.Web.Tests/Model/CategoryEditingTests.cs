using System.Net;
using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// What the device category pages do, called as a page calls them, on a real store: a category created and saved with a
/// measure, thresholds, a command and a tile reads back (and through the API) as saved; field errors come back named for
/// their rows and write nothing; a form read before someone else's save is refused and their save kept; only an
/// Administrator may write; a category with devices is not deleted.
/// </summary>
public abstract class CategoryEditingTests(FieldlinkServer server)
{
    private static readonly ClaimsPrincipal Administrator = Person(PersonRoles.Administrator);
    private static readonly ClaimsPrincipal Dispatcher = Person(PersonRoles.Dispatcher);

    private readonly HttpClient _admin = server.Client();

    private CategoryEditing Editing => server.Services.GetRequiredService<CategoryEditing>();

    [Fact]
    public async Task A_category_saved_with_a_measure_its_thresholds_a_command_and_a_tile_reads_back_as_saved()
    {
        var draft = await NewAsync();
        draft.Description = "Walk-in fridges";
        draft.Measures.Add(new MeasureDraft { Name = " temperature ", Unit = "°C", Low = 2, High = 8, Hysteresis = 0.5 });
        draft.Commands.Add(new CommandDefinitionDraft
        {
            Name = "Set Values",
            Parameters = [new ParameterDraft { Name = "target", Type = ParameterType.DecimalNumber, Required = true, DefaultText = "4.5" }],
        });
        draft.Tiles.Add(new TileDraft { Measure = "temperature", Aggregation = TileAggregation.Max, TimeRange = 24, TimeUnit = TileTimeUnit.Hours });

        var reply = await Editing.SaveAsync(Administrator, draft, CancellationToken.None);

        Assert.True(reply.Succeeded, reply.Message);
        var saved = (await Editing.LoadAsync(draft.Id, CancellationToken.None))!;
        Assert.True(saved.Version > draft.Version);
        Assert.Equal("Walk-in fridges", saved.Description);
        var measure = Assert.Single(saved.Measures);
        Assert.Equal(("temperature", "°C", 2d, 8d, 0.5), (measure.Name, measure.Unit, measure.Low!.Value, measure.High!.Value, measure.Hysteresis!.Value));
        var parameter = Assert.Single(Assert.Single(saved.Commands).Parameters);
        Assert.Equal(("target", ParameterType.DecimalNumber, true, "4.5"), (parameter.Name, parameter.Type, parameter.Required, parameter.DefaultText));
        Assert.Equal("Highest temperature, last 24 hours", Assert.Single(saved.Tiles).Label);

        var api = await (await _admin.GetAsync(new Uri($"/api/v1/deviceCategories/{draft.Id}", UriKind.Relative))).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(8, (double)api["measures"]![0]!["high"]!);
        Assert.Equal(4.5, (double)api["commands"]![0]!["parameters"]![0]!["default"]!);
    }

    [Fact]
    public async Task Field_errors_come_back_named_for_their_rows_and_nothing_is_written()
    {
        var draft = await NewAsync();
        draft.Measures.Add(new MeasureDraft { Name = "temperature", Unit = new string('x', 51) });
        draft.Measures.Add(new MeasureDraft { Name = "pressure", Low = 10, High = 5 });
        draft.Commands.Add(new CommandDefinitionDraft { Name = "Reset", Parameters = [new ParameterDraft { Name = "delay", Type = ParameterType.WholeNumber, DefaultText = "soon" }] });
        draft.Tiles.Add(new TileDraft { Measure = "humidity", TimeRange = 91 });

        var reply = await Editing.SaveAsync(Administrator, draft, CancellationToken.None);

        Assert.False(reply.Succeeded);
        Assert.StartsWith("Not saved: 5 fields need a change", reply.Message, StringComparison.Ordinal);
        Assert.Contains("at most 50 characters", reply.Errors.Of("measures[0].unit"), StringComparison.Ordinal);
        Assert.Equal("The low threshold must be below the high threshold.", reply.Errors.Of("measures[1].low"));
        Assert.Contains("is not a WholeNumber", reply.Errors.Of("commands[0].parameters[0].default"), StringComparison.Ordinal);
        Assert.Contains("has no measure 'humidity'", reply.Errors.Of("tiles[0].measure"), StringComparison.Ordinal);
        Assert.Equal("The time range is 1 to 90 hours or days.", reply.Errors.Of("tiles[0].timeRange"));
        Assert.Empty(reply.Errors.Unshown(draft.Shows));
        var stored = (await Editing.LoadAsync(draft.Id, CancellationToken.None))!;
        Assert.Equal(draft.Version, stored.Version);
        Assert.Empty(stored.Measures);
    }

    [Fact]
    public async Task A_form_read_before_another_save_is_refused_and_the_other_save_is_kept()
    {
        var mine = await NewAsync();
        var theirs = (await Editing.LoadAsync(mine.Id, CancellationToken.None))!;
        theirs.Measures.Add(new MeasureDraft { Name = "pressure", Unit = "bar" });
        Assert.True((await Editing.SaveAsync(Administrator, theirs, CancellationToken.None)).Succeeded);

        mine.Measures.Add(new MeasureDraft { Name = "humidity", Unit = "%" });
        var stale = await Editing.SaveAsync(Administrator, mine, CancellationToken.None);
        var staleDelete = await Editing.DeleteAsync(Administrator, mine.Id, mine.Version, CancellationToken.None);

        Assert.False(stale.Succeeded);
        Assert.Equal(FormReply.StaleMessage("device category"), stale.Message);
        Assert.False(staleDelete.Succeeded);
        Assert.Equal(FormReply.StaleMessage("device category"), staleDelete.Message);
        var stored = (await Editing.LoadAsync(mine.Id, CancellationToken.None))!;
        Assert.Equal(["pressure"], stored.MeasureNames);
    }

    [Fact]
    public async Task Only_an_administrator_creates_saves_or_deletes_a_category()
    {
        var draft = await NewAsync();
        var name = Registry.Unique("Refused");
        draft.Name = name;

        var create = await Editing.CreateAsync(Dispatcher, name, null, CancellationToken.None);
        var save = await Editing.SaveAsync(Dispatcher, draft, CancellationToken.None);
        var delete = await Editing.DeleteAsync(Dispatcher, draft.Id, draft.Version, CancellationToken.None);

        Assert.All([create, save, delete], reply => Assert.Equal((false, PersonCheck.AdministratorsOnly), (reply.Succeeded, reply.Message)));
        Assert.NotEqual(name, (await Editing.LoadAsync(draft.Id, CancellationToken.None))!.Name);
        var found = await server.Services.GetRequiredService<CategoryList>().LoadAsync(new CategoryListQuery { Search = name }, CancellationToken.None);
        Assert.Empty(found.Rows);
    }

    [Fact]
    public async Task A_category_with_a_device_is_not_deleted_an_empty_one_is_and_a_duplicate_name_is_refused()
    {
        var used = await NewAsync();
        var instance = await Registry.InstanceAsync(_admin);
        await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("Device"), deviceId = Registry.Unique("dev"), categoryId = used.Id });
        var empty = await NewAsync();

        var duplicate = await Editing.CreateAsync(Administrator, used.Name, null, CancellationToken.None);
        var row = Assert.Single((await server.Services.GetRequiredService<CategoryList>()
            .LoadAsync(new CategoryListQuery { Search = used.Name }, CancellationToken.None)).Rows);
        var refused = await Editing.DeleteAsync(Administrator, used.Id, used.Version, CancellationToken.None);
        var deleted = await Editing.DeleteAsync(Administrator, empty.Id, empty.Version, CancellationToken.None);

        Assert.Equal((false, $"A device category named '{used.Name}' already exists."), (duplicate.Succeeded, duplicate.Message));
        Assert.Equal(1, row.DeviceCount);
        Assert.Equal((false, "1 device(s) are still in this category; move them first."), (refused.Succeeded, refused.Message));
        Assert.True(deleted.Succeeded, deleted.Message);
        Assert.NotNull(await Editing.LoadAsync(used.Id, CancellationToken.None));
        Assert.Null(await Editing.LoadAsync(empty.Id, CancellationToken.None));
    }

    /// <summary>A new category, created as its list page creates one, read into its form.</summary>
    private async Task<CategoryDraft> NewAsync()
    {
        var created = await Editing.CreateAsync(Administrator, Registry.Unique("Category"), null, CancellationToken.None);
        Assert.True(created.Succeeded, created.Message);
        return (await Editing.LoadAsync(created.Id!.Value, CancellationToken.None))!;
    }

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.com"), new Claim(ClaimTypes.Role, role)], "test"));
}

public sealed class CategoryEditingOnSqliteTests(SqliteServer server) : CategoryEditingTests(server), IClassFixture<SqliteServer>;

public sealed class CategoryEditingOnPostgresTests(PostgresServer server) : CategoryEditingTests(server), IClassFixture<PostgresServer>;
