using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Api.WorkOrders;
using static Fieldlink.Server.Api.Dataverse.DataverseColumns;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// <c>msdyn_workorders</c>: created from an active case (<c>msdyn_ServiceRequest@odata.bind</c>) through
/// <see cref="WorkOrderLifecycle.CreateForCaseAsync"/>, as <c>POST /api/v1/cases/{id}/workOrder</c>; updated (the
/// instructions, the status one step along) through <see cref="WorkOrderLifecycle.UpdateAsync"/>.
/// </summary>
public sealed class WorkOrderTable : DataverseTable<WorkOrder>
{
    private static readonly WorkOrderResource Resource = new();

    public override string EntitySet => "msdyn_workorders";

    public override string LogicalName => "msdyn_workorder";

    public override string PrimaryNameColumn => "msdyn_name";

    public override IReadOnlyList<DataverseColumn> Columns { get; } =
    [
        Text("msdyn_name", "number", writable: false),
        Choice("msdyn_systemstatus", "status", true,
            Option(690970000, "Unscheduled", "Unscheduled"), Option(690970001, "Scheduled", "Scheduled"), Option(690970002, "In Progress", "InProgress"),
            Option(690970003, "Completed", "Completed"), Option(690970004, "Posted", "Closed"), Option(690970005, "Canceled", "Canceled")),
        Text("msdyn_instructions", "instructions"),
        Text("msdyn_primaryincidentdescription", "primaryIncidentDescription", writable: false),
        Choice("fieldlink_primaryincidenttype", "primaryIncidentType", false, AlertTypes),
        Time("msdyn_timefrompromised", "scheduledAt"),
        Time("msdyn_firstarrivedon", "startedAt"),
        Time("msdyn_completedon", "completedAt"),
        Time("createdon", "createdAt"),
        Time("modifiedon", "updatedAt"),
    ];

    public override IReadOnlyList<DataverseLookup> Lookups { get; } =
    [
        new("msdyn_ServiceRequest", "msdyn_servicerequest", "incidents", "caseId"),
        new("msdyn_IoTAlert", "msdyn_iotalert", "msdyn_iotalerts", "alertId", Writable: false),
        new("msdyn_ServiceAccount", "msdyn_serviceaccount", "accounts", "accountId", Writable: false),
        new("msdyn_CustomerAsset", "msdyn_customerasset", "msdyn_customerassets", "customerAssetId", Writable: false),
    ];

    public override IReadOnlyList<ApiKeyRole> Creators => Dispatchers;

    public override IReadOnlyList<ApiKeyRole> Updaters => Dispatchers;

    protected override object ToRead(WorkOrder entity, DataverseContext context) => Resource.ToRead(entity);

    protected override IOrderedQueryable<WorkOrder> DefaultOrder(IQueryable<WorkOrder> source, DataverseContext context) => Resource.DefaultOrder(source);

    public override async Task<DataverseWrite> CreateAsync(DataverseContext context, Guid? id, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        if (id is not null || context.InChangeSet)
        {
            return DataverseWrite.Failed(DataverseAnswer.NotSupported("A work order is created with a POST outside a change set: Fieldlink chooses its id and numbers it in a transaction of its own."));
        }

        if (fields.Select(f => f.Key).FirstOrDefault(k => k is not ("caseId" or "instructions")) is { } other)
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid($"{ColumnOf(other)} is taken from the case when a work order is created."));
        }

        if (fields["caseId"]?.GetValue<Guid>() is not { } caseId)
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid("msdyn_ServiceRequest: a work order is created for a case: \"msdyn_ServiceRequest@odata.bind\": \"/incidents(<id>)\"."));
        }

        // The body of POST /api/v1/cases/{id}/workOrder, read as it is there (its text checks included).
        fields.Remove("caseId");
        WorkOrderCreate create;
        try
        {
            create = fields.Deserialize<WorkOrderCreate>(ApiJson.Options)!;
        }
        catch (JsonException ex)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, JsonErrors.From(ex)));
        }

        var errors = new FieldErrors();
        var instructions = errors.Optional("instructions", create.Instructions, WorkOrder.InstructionsMaxLength);
        if (!errors.IsEmpty)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, errors));
        }

        var result = await context.Services.GetRequiredService<WorkOrderLifecycle>().CreateForCaseAsync(caseId, instructions, context.Cancellation);
        return result.Refusal is { } refusal
            ? DataverseWrite.Failed(DataverseFailures.FromProblem(this, RefusalProblems.From(refusal)))
            : DataverseWrite.Done(result.Value!);
    }

    public override async Task<DataverseWrite> UpdateAsync(DataverseContext context, Entity entity, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.ContainsKey("caseId"))
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid("msdyn_ServiceRequest: a work order keeps the case it was created for."));
        }

        if (JsonMergePatch.Merge(WorkOrderResource.ToWrite((WorkOrder)entity), fields, out var write) is { } invalid)
        {
            return DataverseWrite.Failed(DataverseFailures.FromProblem(this, invalid.ProblemDetails));
        }

        var errors = new FieldErrors();
        var instructions = errors.Optional("instructions", write.Instructions, WorkOrder.InstructionsMaxLength);
        if (!errors.IsEmpty)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, errors));
        }

        context.Db.ChangeTracker.Clear();
        var edit = new WorkOrderEdit(instructions, fields.ContainsKey("status") ? write.Status : null);
        var result = await context.Services.GetRequiredService<WorkOrderLifecycle>().UpdateAsync(entity.Id, context.ExpectedVersion, edit, context.Cancellation);
        return result.Refusal is { } refusal
            ? DataverseWrite.Failed(DataverseFailures.FromProblem(this, RefusalProblems.From(refusal)))
            : DataverseWrite.Done(result.Value!);
    }
}
