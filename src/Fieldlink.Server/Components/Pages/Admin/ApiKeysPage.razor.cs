using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// The API keys, for an Administrator: made here (the key shown once, <see cref="ShownOnceDialog"/>) and revoked after a
/// confirmation, through <see cref="ApiKeyActions"/> — the checks of <c>POST /api/v1/apiKeys</c>.
/// </summary>
public sealed partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeyRow>? _keys;
    private bool _busy;

    [Inject]
    private ApiKeyActions Keys { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _keys = await Keys.ListAsync(CancellationToken.None);

    private async Task CreateAsync()
    {
        if (await ApiKeyCreateDialog.AskAsync(Dialogs) is not { Key: { } key, Secret: { } secret })
        {
            return;
        }

        _keys = await Keys.ListAsync(CancellationToken.None);
        StateHasChanged();
        await ShownOnceDialog.ShowAsync(
            Dialogs,
            $"The {key.Role} key “{key.Name}”",
            "Copy the key now and keep it where the program reads it: it is not shown again. A lost key is revoked and replaced.",
            "API key",
            secret);
    }

    private async Task RevokeAsync(ApiKeyRow key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke the API key?",
            $"Programs using “{key.Name}” ({key.Prefix}…) are refused from now on. This cannot be undone: to give access again, make a new key.",
            yesText: "Revoke",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            Show(await Keys.RevokeAsync(await Access.PersonAsync(), key.Id, CancellationToken.None));
            _keys = await Keys.ListAsync(CancellationToken.None);
        }
        finally
        {
            _busy = false;
        }
    }
}
