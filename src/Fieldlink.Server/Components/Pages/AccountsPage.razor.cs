using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Pages;

/// <summary>The accounts, by name, paged and sorted in the database through the API's collection query layer.</summary>
public sealed partial class AccountsPage
{
    private RecordList<AccountRow, AccountListQuery>? _list;

    [Inject]
    private AccountList Accounts { get; set; } = default!;

    private static AccountListQuery Query() => new();
}
