using Fieldlink.Core.Alerts;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// One alert (<c>/alerts/{id}</c>): its fields, data, group, commands, case and work orders, and what a Dispatcher does
/// from it through <see cref="AlertActions"/>: change the status, create the case and its work order, pull the device's data.
/// </summary>
public sealed partial class AlertView
{
    private AlertDetail? _alert;
    private bool _loaded;
    private bool _busy;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private AlertDetails Details { get; set; } = default!;

    [Inject]
    private AlertActions Actions { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _loaded = false;
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await TimeZone.LearnOnceAsync(JS))
        {
            StateHasChanged();
        }
    }

    private async Task ReloadAsync()
    {
        _alert = await Details.LoadAsync(Id, CancellationToken.None);
        _loaded = true;
    }

    private Task ChangeStatusAsync(AlertStatus status) =>
        ActAsync(async person => await Actions.ChangeStatusAsync(person, [Id], status, CancellationToken.None));

    private Task CreateCaseAsync() => ActAsync(async person => await Actions.CreateCasesAsync(person, [Id], CancellationToken.None));

    private Task CreateWorkOrderAsync() =>
        _alert?.Case is { } caseLink
            ? ActAsync(async person => await Actions.CreateWorkOrderAsync(person, caseLink.Id, CancellationToken.None))
            : Task.CompletedTask;

    private Task PullAsync() => ActAsync(async person => await Actions.PullDeviceDataAsync(person, [Id], CancellationToken.None));

    private async Task ActAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<ActionAnswer>> action)
    {
        _busy = true;
        try
        {
            var answer = await action(await Access.PersonAsync());
            Snackbar.Add(answer.Message, answer.Done ? Severity.Success : Severity.Error);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Reason(AlertStatusReason reason) => reason switch
    {
        AlertStatusReason.New => "as it arrived",
        AlertStatusReason.Manual => "changed by a person",
        AlertStatusReason.CommandSent => "a command was sent",
        AlertStatusReason.CaseCreated => "a case was created",
        AlertStatusReason.Reopened => "reopened",
        AlertStatusReason.CaseResolved => "its case was resolved",
        AlertStatusReason.CaseCanceled => "its case was canceled",
        _ => reason.ToString(),
    };
}
