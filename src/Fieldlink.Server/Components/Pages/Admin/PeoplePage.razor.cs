using System.Security.Claims;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// The people who sign in, for an Administrator: create one (the generated password shown once), change a role, disable
/// or enable, reset a password (the new one shown once), through <see cref="PeopleActions"/> — the rules of
/// <c>fieldlink users</c>, which keep one active Administrator.
/// </summary>
public sealed partial class PeoplePage
{
    private IReadOnlyList<PersonEntry>? _people;
    private Guid? _me;
    private bool _busy;

    [Inject]
    private PeopleActions People { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _me = Guid.TryParse((await Access.PersonAsync()).FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        await LoadAsync();
    }

    private async Task LoadAsync() => _people = await People.ListAsync(CancellationToken.None);

    private static string StateOf(PersonEntry person) => person.Disabled ? "Disabled" : person.LockedUntil is not null ? "Locked after failed sign-ins" : "Active";

    private async Task CreateAsync()
    {
        if (await PersonCreateDialog.AskAsync(Dialogs) is not { Person: { } person, Password: { } password })
        {
            return;
        }

        await LoadAsync();
        StateHasChanged();
        await ShownOnceDialog.ShowAsync(
            Dialogs,
            $"{person.Email} can sign in",
            $"Pass this password on to {person.Email} ({person.Role}) by a safe way: it is not shown again. They can change it once signed in.",
            "Password",
            password);
    }

    private async Task ChangeRoleAsync(PersonEntry person)
    {
        if (await PersonRoleDialog.AskAsync(Dialogs, person) is { } change)
        {
            Snackbar.Add(change.Message, Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DisableAsync(PersonEntry person)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Disable {person.Email}?",
            "They cannot sign in any more, and the sessions they have end within a minute. You can enable them again.",
            yesText: "Disable",
            cancelText: "Cancel");
        if (confirmed == true)
        {
            await ActAsync(me => People.DisableAsync(me, person.Id, CancellationToken.None));
        }
    }

    private async Task EnableAsync(PersonEntry person) => await ActAsync(me => People.EnableAsync(me, person.Id, CancellationToken.None));

    private async Task ResetPasswordAsync(PersonEntry person)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Reset the password of {person.Email}?",
            "Their password stops working at once and their sessions end; the new one is shown to you once.",
            yesText: "Reset password",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var change = await ActAsync(me => People.ResetPasswordAsync(me, person.Id, CancellationToken.None), sayDone: false);
        if (change is { Succeeded: true, Password: { } password })
        {
            await ShownOnceDialog.ShowAsync(
                Dialogs,
                $"New password of {person.Email}",
                $"Pass it on to {person.Email} by a safe way: it is not shown again.",
                "Password",
                password);
        }
    }

    /// <summary>
    /// Runs a change, says what it came to (the refusal's own words, e.g. the last Administrator's) and reloads. A change
    /// whose result a dialog shows next (a new password) does not also say it is done, in a snackbar over that dialog.
    /// </summary>
    private async Task<PersonChange> ActAsync(Func<ClaimsPrincipal, Task<PersonChange>> change, bool sayDone = true)
    {
        _busy = true;
        try
        {
            var done = await change(await Access.PersonAsync());
            if (!done.Succeeded || sayDone)
            {
                Snackbar.Add(done.Message, done.Succeeded ? Severity.Success : Severity.Error);
            }

            await LoadAsync();
            return done;
        }
        finally
        {
            _busy = false;
        }
    }
}
