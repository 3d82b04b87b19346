using Fieldlink.Core.Devices;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Controls;

/// <summary>
/// The send-command form: built from a category's command definitions (pick a command; an input per parameter, by
/// type, with its unit; required marked, invisible ones hidden, non-editable ones read-only; an Object's parameters as
/// a group), or a name and a JSON object for a device without them. Checked as the server checks before
/// <see cref="OnSend"/> is called with the command.
/// </summary>
public sealed partial class CommandForm
{
    private CommandFormState _state = CommandFormState.For([]);
    private IReadOnlyList<CommandDefinition>? _shown;

    /// <summary>The command definitions of the device's category; empty for free JSON.</summary>
    [Parameter]
    public IReadOnlyList<CommandDefinition> Definitions { get; set; } = [];

    /// <summary>Called with the command once it passes the checks.</summary>
    [Parameter]
    public EventCallback<CommandDraft> OnSend { get; set; }

    /// <summary>Shows a Cancel button calling this, when set.</summary>
    [Parameter]
    public EventCallback OnCancel { get; set; }

    /// <summary>Disables the buttons while the command is being sent.</summary>
    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public string SubmitText { get; set; } = "Send";

    /// <summary>Errors from the server to show (by field, as the API names them), e.g. for devices of another category.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string[]>? ServerErrors { get; set; }

    /// <summary>The form's state, for a test or a page that wants to read it.</summary>
    public CommandFormState State => _state;

    /// <summary>Errors with no input of their own to show them under (server errors, parameters the form hides).</summary>
    private IEnumerable<(string Field, string Message)> OtherErrors =>
        _state.Errors.Where(e => !Shown(e.Key)).Select(e => (e.Key, e.Value))
            .Concat((ServerErrors ?? new Dictionary<string, string[]>()).SelectMany(e => e.Value.Select(m => (e.Key, m))));

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_shown, Definitions))
        {
            _shown = Definitions;
            _state = CommandFormState.For(Definitions);
        }
    }

    private Task SelectAsync(string name)
    {
        _state.Select(name);
        return Task.CompletedTask;
    }

    private static void Changed(CommandFormField field, string value) => field.Text = value ?? string.Empty;

    private static void Changed(CommandFormField field, bool? value) => field.Flag = value;

    private async Task SubmitAsync()
    {
        if (!_state.Validate())
        {
            return;
        }

        await OnSend.InvokeAsync(new CommandDraft(_state.Name, _state.Parameters() ?? []));
    }

    private bool Shown(string path)
    {
        if (!_state.IsDefined)
        {
            return path is "name" or "parameters";
        }

        return path == "name" || Find(_state.Fields, path) is { Parameter.Visible: true };
    }

    private static CommandFormField? Find(IEnumerable<CommandFormField> fields, string path)
    {
        foreach (var field in fields)
        {
            if (field.Path == path)
            {
                return field;
            }

            if (Find(field.Children, path) is { } child)
            {
                return field.Parameter.Visible ? child : null;
            }
        }

        return null;
    }

    private static string? PlaceholderOf(ParameterType type) => type switch
    {
        ParameterType.DateTime => "2026-11-30T09:00:00Z",
        _ => null,
    };

    private static string? HelperOf(CommandParameter parameter) => (parameter.Type, parameter.Editable) switch
    {
        (_, false) => "Fixed by the command's definition.",
        (ParameterType.DateTime, _) => "ISO 8601: a date, or a date and time.",
        (ParameterType.WholeNumber, _) => "A whole number.",
        (ParameterType.DecimalNumber, _) => "A number.",
        _ => null,
    };
}
