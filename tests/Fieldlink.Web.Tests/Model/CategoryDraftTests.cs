using System.Text.Json.Nodes;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Settings;
using Fieldlink.Server.Api.Devices;
using Fieldlink.Server.Api.Settings;
using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// The forms of the administration pages without a store: a category read into its form writes back what was read (tiles
/// in their shown order), a parameter's default typed as text becomes the value of its type, a field error lands on its
/// row's input or, when no input shows it, above the form; the settings' minutes become durations and back.
/// </summary>
public sealed class CategoryDraftTests
{
    [Fact]
    public void A_category_read_into_its_form_writes_back_the_same_fields_with_tiles_in_their_shown_order()
    {
        var child = new CommandParameterWrite("speed", ParameterType.WholeNumber, Default: JsonValue.Create(3));
        var read = new DeviceCategoryWrite(
            "Fridge",
            "Walk-in fridges",
            [new MeasureWrite("temperature", "°C", 2, 8, 0.5), new MeasureWrite("door", null, null, null)],
            [new CommandDefinitionWrite("Set Values", "Sets the target", [
                new CommandParameterWrite("target", ParameterType.DecimalNumber, "°C", Required: true, Default: JsonValue.Create(4.5m)),
                new CommandParameterWrite("fan", ParameterType.Object, Parameters: [child]),
                new CommandParameterWrite("mode", ParameterType.String, Editable: false, Visible: false, Default: JsonValue.Create("eco")),
            ])],
            [new TileWrite(TileSource.Alerts, null, TileAggregation.Count, 7, TileTimeUnit.Days, 1),
             new TileWrite(TileSource.Measure, "temperature", TileAggregation.Max, 24, TileTimeUnit.Hours, 0)]);

        var draft = CategoryDraft.From(Guid.NewGuid(), 7, read);
        var written = draft.ToWrite();

        Assert.Equal(7, draft.Version);
        Assert.Equal(["temperature", "door"], draft.MeasureNames);
        Assert.Equal(read.Measures, written.Measures);
        Assert.Equal(["Highest temperature, last 24 hours", "Alerts, last 7 days"], draft.Tiles.Select(t => t.Label));
        Assert.Equal(
            [new TileWrite(TileSource.Measure, "temperature", TileAggregation.Max, 24, TileTimeUnit.Hours, 0), new TileWrite(TileSource.Alerts, null, null, 7, TileTimeUnit.Days, 1)],
            written.Tiles);
        var command = Assert.Single(written.Commands!)!;
        Assert.Equal(("Set Values", "Sets the target"), (command.Name, command.Description));
        var parameters = command.Parameters!.Select(p => p!).ToList();
        Assert.Equal("4.5", parameters[0].Default!.ToJsonString());
        Assert.Equal((true, true, true, "°C"), (parameters[0].Required!.Value, parameters[0].Editable!.Value, parameters[0].Visible!.Value, parameters[0].Unit));
        Assert.Null(parameters[1].Default);
        Assert.Same(child, Assert.Single(parameters[1].Parameters!));
        Assert.Equal(("\"eco\"", false, false), (parameters[2].Default!.ToJsonString(), parameters[2].Editable!.Value, parameters[2].Visible!.Value));
        Assert.Null(parameters[2].Parameters);
    }

    [Theory]
    [InlineData(ParameterType.WholeNumber, " 30 ", "30")]
    [InlineData(ParameterType.WholeNumber, "thirty", "\"thirty\"")]
    [InlineData(ParameterType.DecimalNumber, "-2.25", "-2.25")]
    [InlineData(ParameterType.Boolean, "True", "true")]
    [InlineData(ParameterType.String, " padded ", "\" padded \"")]
    [InlineData(ParameterType.DateTime, "2026-11-30", "\"2026-11-30\"")]
    [InlineData(ParameterType.String, "  ", null)]
    public void A_default_typed_as_text_becomes_the_value_of_its_parameter_type(ParameterType type, string text, string? json)
    {
        Assert.Equal(json, ParameterDraft.Value(text, type)?.ToJsonString());
    }

    [Fact]
    public void A_default_that_is_not_a_string_is_shown_as_its_json()
    {
        Assert.Equal("30", ParameterDraft.Text(JsonValue.Create(30)));
        Assert.Equal("eco", ParameterDraft.Text(JsonValue.Create("eco")));
        Assert.Null(ParameterDraft.Text(null));
    }

    [Theory]
    [InlineData("name", true)]
    [InlineData("measures[1].unit", true)]
    [InlineData("measures[1].hysteresis", true)]
    [InlineData("measures[2].unit", false)]
    [InlineData("measures", false)]
    [InlineData("measures[0].parameters[0].name", false)]
    [InlineData("commands[0].name", true)]
    [InlineData("commands[0].parameters[0].default", true)]
    [InlineData("commands[0].parameters[0].visible", true)]
    [InlineData("commands[0].parameters[1].name", false)]
    [InlineData("commands[0].parameters[0].parameters", false)]
    [InlineData("commands[0].parameters[0].parameters[0].name", false)]
    [InlineData("tiles[0].timeRange", true)]
    [InlineData("tiles[6]", false)]
    public void A_field_error_is_shown_on_its_rows_input_only_when_the_form_has_that_row(string field, bool shown)
    {
        var draft = new CategoryDraft
        {
            Measures = [new MeasureDraft(), new MeasureDraft()],
            Commands = [new CommandDefinitionDraft { Parameters = [new ParameterDraft()] }],
            Tiles = [new TileDraft()],
        };

        Assert.Equal(shown, draft.Shows(field));
    }

    [Fact]
    public void Errors_no_input_shows_are_listed_with_their_field()
    {
        var draft = new CategoryDraft { Measures = [new MeasureDraft()] };
        var errors = new FieldMessages(new Dictionary<string, string[]>
        {
            ["measures[0].unit"] = ["The measures[0].unit field must be at most 50 characters."],
            ["tiles[6]"] = ["There are at most six tiles (7 given)."],
        });

        Assert.Equal("The measures[0].unit field must be at most 50 characters.", errors.Of("measures[0].unit"));
        Assert.Equal(["tiles[6]: There are at most six tiles (7 given)."], errors.Unshown(draft.Shows));
    }

    [Fact]
    public void Settings_minutes_become_durations_to_the_second_and_fields_keep_their_documented_order()
    {
        var read = new SettingsWrite(null, true, [AlertGroupingField.Description], TimeSpan.FromSeconds(90), false, true, TimeSpan.FromHours(2), "Cmd", "Args");
        var draft = SettingsDraft.From(3, read, null);

        Assert.Equal((1.5, 120d), (draft.AlertGroupingWindowMinutes, draft.ScheduledPullIntervalMinutes));
        draft.SetGroupingField(AlertGroupingField.Device, true);
        draft.AlertGroupingWindowMinutes = 12.5;
        draft.ScheduledPullIntervalMinutes = null;

        var written = draft.ToWrite();
        Assert.Equal([AlertGroupingField.Device, AlertGroupingField.Description], written.AlertGroupingFields);
        Assert.Equal(TimeSpan.FromSeconds(750), written.AlertGroupingWindow);
        Assert.Null(written.ScheduledPullInterval);
        Assert.Equal((false, true, "Cmd", "Args"), (written.AutoPullOnAlert!.Value, written.ScheduledPullsEnabled!.Value, written.CommandNameProperty, written.CommandParametersProperty));
    }
}
