using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Pages;

/// <summary>An account: its fields, its customer assets, and its open parent alerts, newest first.</summary>
public sealed partial class AccountPage
{
    private AccountDetail? _detail;
    private bool _missing;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private RecordDetails Details { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _detail = await Details.AccountAsync(Id, CancellationToken.None);
        _missing = _detail is null;
    }

    private static string Of(int shown, long total) => shown == total ? $"{total}" : $"first {shown} of {total}";
}
