using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// One device category, edited whole: its name and description, measures with their thresholds and hysteresis, command
/// definitions and summary tiles (<see cref="CategoryEditing"/>). A save is checked by the API's resource, and its field
/// errors are shown on their inputs; one made after someone else's save is refused with a message, never overwriting theirs.
/// </summary>
public sealed partial class CategoryPage
{
    private CategoryDraft? _draft;
    private string? _savedName;
    private bool _missing;
    private bool _busy;
    private FieldMessages _errors = FieldMessages.None;
    private IReadOnlyList<string> _unshown = [];

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private CategoryEditing Editing { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Inputs wait for the live page (a prerendered one cannot act) and for the action under way.</summary>
    private bool Locked => _busy || !Interactive;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _draft = await Editing.LoadAsync(Id, CancellationToken.None);
        _savedName = _draft?.Name;
        _missing = _draft is null;
        Show(FieldMessages.None);
    }

    private async Task SaveAsync()
    {
        await RunAsync(async () =>
        {
            var reply = await Editing.SaveAsync(await Access.PersonAsync(), _draft!, CancellationToken.None);
            Snackbar.Add(reply.Message, reply.Succeeded ? Severity.Success : Severity.Error);
            if (reply.Succeeded)
            {
                await LoadAsync();
            }
            else
            {
                Show(reply.Errors);
            }
        });
    }

    private Task ReloadAsync() => RunAsync(LoadAsync);

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete device category",
            $"Delete the device category '{_savedName}'? A category that still has devices is not deleted.",
            yesText: "Delete",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var reply = await Editing.DeleteAsync(await Access.PersonAsync(), Id, _draft!.Version, CancellationToken.None);
            Snackbar.Add(reply.Message, reply.Succeeded ? Severity.Success : Severity.Error);
            if (reply.Succeeded)
            {
                Navigation.NavigateTo("/admin/categories");
            }
        });
    }

    /// <summary>Clears the last save's errors once rows moved: they name rows by a place another row may now hold.</summary>
    private void ForgetErrors() => Show(FieldMessages.None);

    private void Show(FieldMessages errors)
    {
        _errors = errors;
        _unshown = _draft is null ? [] : errors.Unshown(_draft.Shows);
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
        }
        finally
        {
            _busy = false;
        }
    }
}
