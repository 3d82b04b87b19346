using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>
/// Shows a secret once: only its hash is stored, so after this dialog nobody — not Fieldlink either — can show it again
/// (a lost API key is revoked and replaced, a lost password reset).
/// </summary>
public sealed partial class ShownOnceDialog
{
    private bool? _copied;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter]
    public string Title { get; set; } = "";

    /// <summary>What the secret is for and that it is not shown again.</summary>
    [Parameter]
    public string Explanation { get; set; } = "";

    /// <summary>The accessible name of the field holding the secret, e.g. "API key" or "Password".</summary>
    [Parameter]
    public string Label { get; set; } = "";

    [Parameter]
    public string Secret { get; set; } = "";

    /// <summary>Shows <paramref name="secret"/> until the person closes the dialog.</summary>
    public static async Task ShowAsync(IDialogService dialogs, string title, string explanation, string label, string secret)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<ShownOnceDialog>
        {
            { d => d.Title, title },
            { d => d.Explanation, explanation },
            { d => d.Label, label },
            { d => d.Secret, secret },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false };
        var dialog = await dialogs.ShowAsync<ShownOnceDialog>(title, parameters, options);
        await dialog.Result;
    }

    private async Task CopyAsync()
    {
        await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/copy-secret.js");
        _copied = await module.InvokeAsync<bool>("copyText", Secret);
    }

    private void Close() => Dialog.Close();
}
