using Fieldlink.Core.Auth;
using Fieldlink.Server.Api.Keys;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>
/// Makes an API key (<see cref="ApiKeyActions.CreateAsync"/>) and closes with it, its secret included, for the page to show
/// once; while the key's checks refuse it, the dialog stays open with each error on its field.
/// </summary>
public sealed partial class ApiKeyCreateDialog
{
    private string? _name;
    private ApiKeyRole? _role;
    private Guid? _instance;
    private IReadOnlyList<NamedRecord> _instances = [];
    private IReadOnlyDictionary<string, string[]>? _errors;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private ApiKeyActions Keys { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    /// <summary>Asks for a key and makes it; null when the person canceled.</summary>
    public static async Task<ApiKeyIssue?> AskAsync(IDialogService dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var dialog = await dialogs.ShowAsync<ApiKeyCreateDialog>("New API key", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ApiKeyIssue issue } ? issue : null;
    }

    protected override async Task OnInitializedAsync() => _instances = await Keys.InstancesAsync(CancellationToken.None);

    private string RoleHelp => _role switch
    {
        ApiKeyRole.Administrator => "Everything, as an Administrator in the web app.",
        ApiKeyRole.Dispatcher => "Reads everything; acts on devices, alerts, commands, cases and work orders.",
        ApiKeyRole.Technician => "Reads only.",
        ApiKeyRole.Endpoint => "Ingestion for one provider instance, nothing else.",
        _ => "What the key may do.",
    };

    private string? ErrorOf(string field) => _errors?.GetValueOrDefault(field)?.FirstOrDefault();

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var write = new ApiKeyWrite(_name, _role, _role == ApiKeyRole.Endpoint ? _instance : null);
            var issue = await Keys.CreateAsync(await Access.PersonAsync(), write, CancellationToken.None);
            if (issue.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(issue));
                return;
            }

            _errors = issue.Errors;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
