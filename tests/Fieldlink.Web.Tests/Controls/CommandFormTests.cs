using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Fieldlink.Web.Tests.Controls;

/// <summary>The send-command form (bUnit): inputs from the definitions, the server's checks naming the parameter, the JSON it sends.</summary>
public sealed class CommandFormTests : IAsyncLifetime
{
    // Held, not inherited: MudBlazor's services dispose only asynchronously, and xUnit disposes a test class synchronously.
    private readonly BunitContext _bunit = new();

    private static readonly CommandDefinition SetValues = new()
    {
        Name = "Set Values",
        Description = "Sets the targets.",
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
                    new CommandParameter { Name = "Humidity", Type = ParameterType.DecimalNumber, Unit = "%" },
                ],
            },
            new CommandParameter { Name = "Zone", Type = ParameterType.String, Editable = false, Default = "A" },
            new CommandParameter { Name = "Mode", Type = ParameterType.String, Editable = false, Visible = false, Default = "auto" },
        ],
    };

    private static readonly CommandDefinition Reset = new() { Name = "Reset Thermostat" };

    private CommandDraft? _sent;

    public CommandFormTests()
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public void The_form_has_an_input_per_visible_parameter_with_units_groups_and_read_only_ones()
    {
        var form = RenderForm(SetValues, Reset);

        Assert.Contains("Reading *", form.Find("[data-testid='group-parameters.Reading'] legend").TextContent, StringComparison.Ordinal);
        Assert.NotNull(Input(form, "parameters.Reading.Temperature"));
        Assert.NotNull(Input(form, "parameters.Reading.Humidity"));
        Assert.Contains("°C", form.Find("[data-testid='group-parameters.Reading']").TextContent, StringComparison.Ordinal);
        Assert.True(Input(form, "parameters.Zone").HasAttribute("readonly"));
        Assert.Equal("A", Input(form, "parameters.Zone").GetAttribute("value"));
        Assert.Empty(form.FindAll("[data-testid='parameters.Mode']"));
        Assert.Equal("Sets the targets.", form.Find("[data-testid='command-description']").TextContent);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_parameter_and_nothing_is_sent()
    {
        var form = RenderForm(SetValues);
        Input(form, "parameters.Reading.Temperature").Change("abc");

        form.Find("[data-testid='command-send']").Click();

        Assert.Null(_sent);
        Assert.Contains("parameters.Reading.Temperature", form.Instance.State.Errors.Keys);
        Assert.Contains("Must be a whole number", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_parameter_is_refused_naming_it()
    {
        var form = RenderForm(SetValues);
        form.Find("[data-testid='command-send']").Click();

        Assert.Null(_sent);
        Assert.Equal("'Temperature' is required.", form.Instance.State.ErrorOf("parameters.Reading.Temperature"));
    }

    [Fact]
    public void A_filled_form_sends_typed_json_with_the_fixed_and_hidden_defaults()
    {
        var form = RenderForm(SetValues);
        Input(form, "parameters.Reading.Temperature").Change("30");
        Input(form, "parameters.Reading.Humidity").Change("21.5");

        form.Find("[data-testid='command-send']").Click();

        Assert.NotNull(_sent);
        Assert.Equal("Set Values", _sent.Name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Reading": {"Temperature": 30, "Humidity": 21.5}, "Zone": "A", "Mode": "auto"}"""), _sent.Parameters), _sent.Parameters.ToJsonString());
    }

    [Fact]
    public void Picking_a_command_without_parameters_says_so_and_sends_an_empty_object()
    {
        var form = RenderForm(SetValues, Reset);
        form.InvokeAsync(() => form.Instance.State.Select("Reset Thermostat"));
        form.Render();

        Assert.NotNull(form.Find("[data-testid='no-parameters']"));
        form.Find("[data-testid='command-send']").Click();
        Assert.Equal("Reset Thermostat", _sent!.Name);
        Assert.Empty(_sent.Parameters);
    }

    [Fact]
    public void Without_definitions_the_form_takes_a_name_and_a_json_object_and_refuses_other_json()
    {
        var form = RenderForm();
        Input(form, "command-name").Change("Notification");
        Textarea(form, "command-json").Change("{\"Message\": ");

        form.Find("[data-testid='command-send']").Click();
        Assert.Null(_sent);
        Assert.Contains("must be a JSON object", form.Instance.State.ErrorOf("parameters"), StringComparison.Ordinal);

        Textarea(form, "command-json").Change("""{"Message": "Technician has been dispatched"}""");
        form.Find("[data-testid='command-send']").Click();
        Assert.Equal("Notification", _sent!.Name);
        Assert.Equal("Technician has been dispatched", (string)_sent.Parameters["Message"]!);
    }

    private IRenderedComponent<CommandForm> RenderForm(params CommandDefinition[] definitions) =>
        _bunit.Render<CommandForm>(p => p
            .Add(f => f.Definitions, definitions)
            .Add(f => f.OnSend, draft => _sent = draft));

    private static IElement Input(IRenderedComponent<CommandForm> form, string testId) => Element(form, testId, "input");

    private static IElement Textarea(IRenderedComponent<CommandForm> form, string testId) => Element(form, testId, "textarea");

    private static IElement Element(IRenderedComponent<CommandForm> form, string testId, string tag)
    {
        var element = form.Find($"[data-testid='{testId}']");
        return string.Equals(element.TagName, tag, StringComparison.OrdinalIgnoreCase) ? element : element.QuerySelector(tag) ?? throw new InvalidOperationException($"No {tag} in {element.OuterHtml}");
    }
}
