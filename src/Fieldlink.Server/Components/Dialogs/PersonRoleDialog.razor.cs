using Fieldlink.Server.Auth;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>Changes a person's role (<see cref="PeopleActions.ChangeRoleAsync"/>) and closes with what was done.</summary>
public sealed partial class PersonRoleDialog
{
    private string? _role;
    private IReadOnlyDictionary<string, string[]>? _errors;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PeopleActions People { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    [Parameter, EditorRequired]
    public PersonEntry Person { get; set; } = default!;

    /// <summary>Asks for the role and changes it; null when canceled.</summary>
    public static async Task<PersonChange?> AskAsync(IDialogService dialogs, PersonEntry person)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<PersonRoleDialog> { { d => d.Person, person } };
        var dialog = await dialogs.ShowAsync<PersonRoleDialog>("Change the role", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: PersonChange change } ? change : null;
    }

    protected override void OnParametersSet() => _role ??= Person.Role;

    private string? ErrorOf(string field) => _errors?.GetValueOrDefault(field)?.FirstOrDefault();

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            var change = await People.ChangeRoleAsync(await Access.PersonAsync(), Person.Id, _role, CancellationToken.None);
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
