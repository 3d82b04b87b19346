using Fieldlink.Server.Auth;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>
/// Creates a person (<see cref="PeopleActions.CreateAsync"/>) and closes with them and their generated password, for the
/// page to show once; while the checks refuse, the dialog stays open with each error on its field.
/// </summary>
public sealed partial class PersonCreateDialog
{
    private string? _email;
    private string? _displayName;
    private string? _role;
    private IReadOnlyDictionary<string, string[]>? _errors;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PeopleActions People { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    /// <summary>Asks for a person and creates them; null when the person asking canceled.</summary>
    public static async Task<PersonChange?> AskAsync(IDialogService dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var dialog = await dialogs.ShowAsync<PersonCreateDialog>("New person", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: PersonChange change } ? change : null;
    }

    private string? ErrorOf(string field) => _errors?.GetValueOrDefault(field)?.FirstOrDefault();

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var change = await People.CreateAsync(await Access.PersonAsync(), _email, _displayName, _role, CancellationToken.None);
            if (change.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(change));
                return;
            }

            _errors = change.Errors;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
