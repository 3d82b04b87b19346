using System.Text.Json.Nodes;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;

namespace Fieldlink.Core.Tests.Commands;

public sealed class CommandParametersCheckTests
{
    private static readonly CommandDefinition SetValues = new()
    {
        Name = "Set Values",
        Parameters =
        [
            new CommandParameter
            {
                Name = "Reading",
                Type = ParameterType.Object,
                Required = true,
                Parameters =
                [
                    new CommandParameter { Name = "Temperature", Type = ParameterType.WholeNumber, Unit = "°C", Required = true },
                    new CommandParameter { Name = "Humidity", Type = ParameterType.DecimalNumber },
                ],
            },
            new CommandParameter { Name = "At", Type = ParameterType.DateTime },
            new CommandParameter { Name = "Force", Type = ParameterType.Boolean },
            new CommandParameter { Name = "Mode", Type = ParameterType.String, Editable = false, Default = "auto", Visible = false },
        ],
    };

    private static IReadOnlyDictionary<string, string> Check(string json) => CommandParametersCheck.Check(SetValues, JsonNode.Parse(json)!.AsObject());

    [Theory]
    [InlineData("""{"Reading": {"Temperature": 30}}""")]
    [InlineData("""{"Reading": {"Temperature": "30", "Humidity": "21.5"}, "Force": "true"}""")]
    [InlineData("""{"Reading": {"Temperature": -4, "Humidity": 21.5}, "At": "2026-11-30T09:00:00Z", "Force": false, "Mode": "auto"}""")]
    [InlineData("""{"Reading": {"Temperature": 30.0}, "At": "2026-11-30"}""")]
    public void Check_accepts_values_of_the_defined_types(string json) => Assert.Empty(Check(json));

    [Fact]
    public void Check_names_a_missing_required_parameter_at_its_path()
    {
        Assert.Contains("required", Check("""{"Reading": {}}""")["parameters.Reading.Temperature"], StringComparison.Ordinal);
        Assert.Contains("required", Check("{}")["parameters.Reading"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Reading": {"Temperature": "abc"}}""", "parameters.Reading.Temperature")]
    [InlineData("""{"Reading": {"Temperature": 30.5}}""", "parameters.Reading.Temperature")]
    [InlineData("""{"Reading": {"Temperature": 30, "Humidity": "wet"}}""", "parameters.Reading.Humidity")]
    [InlineData("""{"Reading": {"Temperature": 30}, "At": "12/31/2026"}""", "parameters.At")]
    [InlineData("""{"Reading": {"Temperature": 30}, "At": 20261130}""", "parameters.At")]
    [InlineData("""{"Reading": {"Temperature": 30}, "Force": "yes"}""", "parameters.Force")]
    [InlineData("""{"Reading": "30"}""", "parameters.Reading")]
    [InlineData("""{"Reading": {"Temperature": 30}, "Mode": 1}""", "parameters.Mode")]
    public void Check_names_a_value_of_the_wrong_type(string json, string field) => Assert.Contains(field, Check(json).Keys);

    [Fact]
    public void Check_names_an_unknown_parameter_and_lists_the_known_ones()
    {
        var errors = Check("""{"Reading": {"Temperature": 30, "Pressure": 1}, "Colour": "red"}""");
        Assert.Contains("'Temperature', 'Humidity'", errors["parameters.Reading.Pressure"], StringComparison.Ordinal);
        Assert.Contains("parameters.Colour", errors.Keys);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Check_refuses_a_non_editable_parameter_changed_from_its_default()
    {
        var errors = Check("""{"Reading": {"Temperature": 30}, "Mode": "manual"}""");
        Assert.Contains("cannot be changed", errors["parameters.Mode"], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_takes_a_number_given_as_text_as_the_same_value_as_its_default()
    {
        var definition = new CommandDefinition
        {
            Name = "Limit",
            Parameters = [new CommandParameter { Name = "Max", Type = ParameterType.WholeNumber, Editable = false, Default = 30 }],
        };
        Assert.Empty(CommandParametersCheck.Check(definition, new JsonObject { ["Max"] = "30" }));
        Assert.Single(CommandParametersCheck.Check(definition, new JsonObject { ["Max"] = 31 }));
    }

    [Fact]
    public void Check_of_a_command_without_parameters_refuses_any_and_accepts_none()
    {
        var reset = new CommandDefinition { Name = "Reset Thermostat" };
        Assert.Empty(CommandParametersCheck.Check(reset, null));
        Assert.Contains("takes none", CommandParametersCheck.Check(reset, new JsonObject { ["x"] = 1 })["parameters.x"], StringComparison.Ordinal);
    }
}
