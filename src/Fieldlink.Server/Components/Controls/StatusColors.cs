using Fieldlink.Core.Alerts;
using Fieldlink.Core.Cases;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Sdk;
using MudBlazor;

namespace Fieldlink.Server.Components.Controls;

/// <summary>The colour of a status chip: red for what needs someone, amber for what is under way, green for what is done.</summary>
public static class StatusColors
{
    public static Color Of(AlertStatus status) => status switch
    {
        AlertStatus.Active => Color.Error,
        AlertStatus.InProgress => Color.Warning,
        _ => Color.Default,
    };

    public static Color Of(CaseStatus status) => status switch
    {
        CaseStatus.Active => Color.Warning,
        CaseStatus.Resolved => Color.Success,
        _ => Color.Default,
    };

    public static Color Of(CasePriority priority) => priority switch
    {
        CasePriority.High => Color.Error,
        CasePriority.Normal => Color.Info,
        _ => Color.Default,
    };

    public static Color Of(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Unscheduled => Color.Error,
        WorkOrderStatus.Scheduled => Color.Info,
        WorkOrderStatus.InProgress => Color.Warning,
        WorkOrderStatus.Completed => Color.Success,
        _ => Color.Default,
    };

    public static Color Of(CommandStatus status) => status switch
    {
        CommandStatus.Succeeded => Color.Success,
        CommandStatus.Failed or CommandStatus.Expired => Color.Error,
        _ => Color.Info,
    };

    public static Color Of(RegistrationStatus? status) => status switch
    {
        RegistrationStatus.Registered => Color.Success,
        RegistrationStatus.Error => Color.Error,
        RegistrationStatus.InProgress => Color.Info,
        _ => Color.Default,
    };
}
