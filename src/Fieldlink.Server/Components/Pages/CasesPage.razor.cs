using Fieldlink.Core.Cases;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;

namespace Fieldlink.Server.Components.Pages;

/// <summary>The cases, newest first, with the status, priority and text filters; paged and sorted in the database.</summary>
public sealed partial class CasesPage
{
    private RecordList<CaseRow, CaseListQuery>? _list;
    private CaseStatus? _status;
    private CasePriority? _priority;

    [Inject]
    private CaseList Cases { get; set; } = default!;

    private CaseListQuery Query() => new() { Status = _status, Priority = _priority };

    private Task StatusChanged(CaseStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private Task PriorityChanged(CasePriority? priority)
    {
        _priority = priority;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _list?.ReloadAsync() ?? Task.CompletedTask;
}
