using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Api.Webhooks;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// The webhook subscriptions, for an Administrator: what each wants, how its newest delivery went and a warning when it
/// is failing; create, edit, delete and rotate the secret through <see cref="WebhookActions"/> (the API's own checks).
/// A secret made is kept only in this circuit's field until the person closes its panel, and never read again.
/// </summary>
public sealed partial class WebhooksPage
{
    private IReadOnlyList<WebhookRow>? _rows;
    private WebhookForm? _form;
    private Guid? _editing;
    private WebhookReply? _reply;
    private string? _secret;
    private string? _secretFor;
    private bool _busy;

    [Inject]
    private WebhookList Webhooks { get; set; } = default!;

    [Inject]
    private WebhookActions Actions { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _rows = await Webhooks.LoadAsync(CancellationToken.None);

    private void NewForm()
    {
        _form = new WebhookForm();
        _editing = null;
        _reply = null;
    }

    private void EditForm(WebhookRow row)
    {
        _form = WebhookForm.Of(row);
        _editing = row.Id;
        _reply = null;
    }

    private void CloseForm()
    {
        _form = null;
        _editing = null;
        _reply = null;
    }

    /// <summary>"All events" chosen with others means all: the choice is kept as just that, so the field says what is sent.</summary>
    private void EventTypesChanged(IEnumerable<string>? types)
    {
        var form = _form!;
        var chosen = types?.ToList() ?? [];
        var addedAll = chosen.Contains(WebhookEventTypes.All) && !form.EventTypes.Contains(WebhookEventTypes.All);
        form.EventTypes = addedAll || chosen.Count == 0 ? [WebhookEventTypes.All] : chosen.Where(t => t != WebhookEventTypes.All).ToList();
    }

    private static string EventTypesText(IReadOnlyList<string> types) =>
        types.Count == 0 || types.Contains(WebhookEventTypes.All) ? "All events" : string.Join(", ", types);

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            var person = await Access.PersonAsync();
            var reply = _editing is { } id
                ? await Actions.UpdateAsync(person, id, _form!, CancellationToken.None)
                : await Actions.CreateAsync(person, _form!, CancellationToken.None);
            Show(reply.Reply);
            if (!reply.Succeeded)
            {
                _reply = reply;
                return;
            }

            if (reply.Secret is { } secret)
            {
                _secret = secret;
                _secretFor = $"The subscription to {_form!.Url?.Trim()} signs with this secret";
            }

            CloseForm();
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RotateAsync(WebhookRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Rotate the secret?",
            $"A new secret signs the deliveries to {row.Url} from now on; the current one also signs for {WebhookEdits.DefaultOverlap.TotalHours:0} more hours, while the receiver takes up the new one.",
            yesText: "Rotate", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var reply = await Actions.RotateAsync(await Access.PersonAsync(), row.Id, CancellationToken.None);
            Show(reply.Reply);
            if (reply.Secret is { } secret)
            {
                _secret = secret;
                _secretFor = $"The subscription to {row.Url} now signs with this new secret";
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(WebhookRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete the subscription?", $"{row.Url} will receive no more events, and its delivery log is deleted with it.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            Show((await Actions.DeleteAsync(await Access.PersonAsync(), row.Id, CancellationToken.None)).Reply);
            if (_editing == row.Id)
            {
                CloseForm();
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopySecretAsync()
    {
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", _secret);
            Snackbar.Add("The secret is on the clipboard.", Severity.Success);
        }
        catch (JSException)
        {
            // A browser may refuse the clipboard (no permission, not a secure context): the secret is still there to select.
            Snackbar.Add("The browser did not allow copying: select the secret and copy it.", Severity.Warning);
        }
    }

    private void ForgetSecret()
    {
        _secret = null;
        _secretFor = null;
    }

    private static string StatusClass(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Succeeded => "status-good",
        WebhookDeliveryStatus.Dead => "status-bad",
        _ => "",
    };
}
