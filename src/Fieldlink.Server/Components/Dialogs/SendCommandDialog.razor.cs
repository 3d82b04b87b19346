using Fieldlink.Core.Devices;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>
/// Sends a command to one device, a selection of devices, or every device of a customer asset, optionally for a
/// parent alert: the form from the devices' category's command definitions (free JSON without them), sent through
/// <see cref="CommandSending"/>, which refuses a person who may not dispatch. The outcome is a snackbar; the dialog
/// closes with the number of commands queued.
/// </summary>
public sealed partial class SendCommandDialog
{
    private IReadOnlyList<CommandDefinition>? _definitions;
    private IReadOnlyDictionary<string, string[]>? _serverErrors;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private CommandSending Sending { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Where the command goes.</summary>
    [Parameter]
    [EditorRequired]
    public CommandTarget Target { get; set; } = default!;

    /// <summary>The (parent) alert the command answers; its group moves to InProgress once it is queued.</summary>
    [Parameter]
    public Guid? AlertId { get; set; }

    [Parameter]
    public string Title { get; set; } = "Send a command";

    /// <summary>Opens the dialog; its result's Data is the number of commands queued, or it is canceled.</summary>
    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, CommandTarget target, Guid? alertId = null, string title = "Send a command")
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<SendCommandDialog>
        {
            { d => d.Target, target },
            { d => d.AlertId, alertId },
            { d => d.Title, title },
        };
        return dialogs.ShowAsync<SendCommandDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
    }

    protected override async Task OnInitializedAsync() => _definitions = await Sending.DefinitionsAsync(Target, CancellationToken.None);

    private void Cancel() => Dialog.Cancel();

    private async Task SendAsync(CommandDraft draft)
    {
        _busy = true;
        _serverErrors = null;
        try
        {
            var result = await Sending.SendAsync(await Access.PersonAsync(), Target, draft.Name, draft.Parameters, AlertId, CancellationToken.None);
            if (!result.Succeeded)
            {
                _serverErrors = result.Errors.Count > 0 ? result.Errors : null;
                Snackbar.Add(result.Refusal!, Severity.Error);
                return;
            }

            Snackbar.Add(result.Queued == 1 ? $"'{draft.Name}' is queued." : $"'{draft.Name}' is queued for {result.Queued} devices.", Severity.Success);
            Dialog.Close(DialogResult.Ok(result.Queued));
        }
        finally
        {
            _busy = false;
        }
    }
}
