using Fieldlink.Core.Settings;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// The IoT settings: alert grouping, device data pulls, the command message's property names and the default provider
/// instance, saved through the checks of <c>PATCH /api/v1/settings</c> (<see cref="SettingsEditing"/>), each error on its
/// field; a save made after someone else's is refused with a message.
/// </summary>
public sealed partial class IoTSettingsPage
{
    private SettingsDraft? _draft;
    private bool _busy;
    private FieldMessages _errors = FieldMessages.None;

    [Inject]
    private SettingsEditing Editing { get; set; } = default!;

    private bool Locked => _busy || !Interactive;

    protected override async Task OnInitializedAsync() => _draft = await Editing.LoadAsync(CancellationToken.None);

    private bool Has(string field) => _errors.Of(field) is not null;

    private string? Of(string field) => _errors.Of(field);

    private static string FieldLabel(string field) => field switch
    {
        AlertGroupingField.Device => "Device",
        AlertGroupingField.CustomerAsset => "Customer asset",
        AlertGroupingField.AlertType => "Alert type",
        AlertGroupingField.Description => "Description",
        _ => field,
    };

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            var reply = await Editing.SaveAsync(await Access.PersonAsync(), _draft!, CancellationToken.None);
            Snackbar.Add(reply.Message, reply.Succeeded ? Severity.Success : Severity.Error);
            _errors = reply.Errors;
            if (reply.Succeeded)
            {
                _draft = await Editing.LoadAsync(CancellationToken.None);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadAsync()
    {
        _busy = true;
        try
        {
            _errors = FieldMessages.None;
            _draft = await Editing.LoadAsync(CancellationToken.None);
        }
        finally
        {
            _busy = false;
        }
    }
}
