using Fieldlink.Core.Alerts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>
/// Asks a person who changes alerts' status why, before it is changed: the note is optional and kept with the group
/// (<c>statusNote</c>, as the API's PATCH takes it).
/// </summary>
public sealed partial class AlertStatusDialog
{
    private string? _note;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public AlertStatus Status { get; set; }

    [Parameter]
    public string Title { get; set; } = "Change the status";

    /// <summary>Asks for the note; null when the person canceled, else the note ("" for none).</summary>
    public static async Task<string?> AskAsync(IDialogService dialogs, AlertStatus status, int alerts)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var title = alerts == 1 ? $"Change the alert to {status}" : $"Change {alerts} alerts to {status}";
        var parameters = new DialogParameters<AlertStatusDialog> { { d => d.Status, status }, { d => d.Title, title } };
        var dialog = await dialogs.ShowAsync<AlertStatusDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string note } ? note : null;
    }

    private void Cancel() => Dialog.Cancel();

    private void Confirm() => Dialog.Close(DialogResult.Ok(_note ?? ""));
}
