using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>
/// One dead letter in full: why it was refused and what it held, formatted when it is JSON and as received when not
/// (<see cref="PayloadText"/>) — the list shows only the start of each.
/// </summary>
public sealed partial class DeadLetterDialog
{
    private string _text = "";
    private bool _isJson;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public DeadLetterRow Letter { get; set; } = default!;

    /// <summary>When it was received, in the person's zone.</summary>
    [Parameter]
    public string Received { get; set; } = "";

    public static async Task ShowAsync(IDialogService dialogs, DeadLetterRow letter, string received)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<DeadLetterDialog> { { d => d.Letter, letter }, { d => d.Received, received } };
        var dialog = await dialogs.ShowAsync<DeadLetterDialog>("Dead letter", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
    }

    protected override void OnParametersSet() => (_text, _isJson) = PayloadText.Format(Letter.Payload);

    private void Close() => Dialog.Close();
}
