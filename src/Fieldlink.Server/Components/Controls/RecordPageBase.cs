using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Controls;

/// <summary>
/// What the pages of accounts, customer assets, cases and work orders share: times in the person's zone (their profile's, else their
/// browser's, learnt after the first render as every page does), the person's access, and a snackbar for what an action answered.
/// </summary>
public abstract class RecordPageBase : ComponentBase
{
    [Inject]
    protected BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    protected PersonAccess Access { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>
    /// Whether the page is live (its circuit runs): a prerendered page shows its record but cannot act yet, so its
    /// buttons and inputs stay disabled until then, rather than take a click that would be lost.
    /// </summary>
    protected bool Interactive { get; private set; }

    /// <summary>A time in the browser's zone; a dash for none.</summary>
    protected string Time(DateTimeOffset? time) => time is { } t ? TimeZone.Format(t) : "—";

    /// <summary>A time to the minute, for a list's narrow column (<see cref="Time"/> in its tooltip); a dash for none.</summary>
    protected string ShortTime(DateTimeOffset? time) => time is { } t ? TimeZone.FormatShort(t) : "—";

    /// <summary>Shows what an action answered: its sentence, green when done, red when refused.</summary>
    protected void Show(ActionReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Snackbar.Add(reply.Message, reply.Succeeded ? Severity.Success : Severity.Error);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        await TimeZone.LearnOnceAsync(JS);

        Interactive = true;
        StateHasChanged();
    }
}
