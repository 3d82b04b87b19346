using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// The device categories, by name, with how many measures, commands, tiles and devices each has; an Administrator creates
/// one by its name here and is taken to its page (<see cref="CategoryPage"/>) to define the rest.
/// </summary>
public sealed partial class CategoriesPage
{
    private RecordList<CategoryRow, CategoryListQuery>? _list;
    private string? _newName;
    private string? _newError;
    private bool _busy;

    [Inject]
    private CategoryList Categories { get; set; } = default!;

    [Inject]
    private CategoryEditing Editing { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var reply = await Editing.CreateAsync(await Access.PersonAsync(), _newName, null, CancellationToken.None);
            _newError = reply.Errors.Of("name");
            Snackbar.Add(reply.Message, reply.Succeeded ? MudBlazor.Severity.Success : MudBlazor.Severity.Error);
            if (reply is { Succeeded: true, Id: { } id })
            {
                Navigation.NavigateTo($"/admin/categories/{id}");
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private Task CreateOnEnterAsync(KeyboardEventArgs key) => key.Key == "Enter" && !_busy ? CreateAsync() : Task.CompletedTask;
}
