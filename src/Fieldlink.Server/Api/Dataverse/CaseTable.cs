using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Cases;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using static Fieldlink.Server.Api.Dataverse.DataverseColumns;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// <c>incidents</c>: the cases. A create needs the alert (<c>msdyn_IoTAlert@odata.bind</c>) and goes through
/// <see cref="CaseLifecycle.CreateFromAlertAsync"/>, as <c>POST /api/v1/alerts/{id}/case</c> does: the alert's group
/// is linked and its open alerts put in progress.
/// </summary>
public sealed class CaseTable : DataverseTable<Case>
{
    private static readonly CaseResource Resource = new();

    public override string EntitySet => "incidents";

    public override string LogicalName => "incident";

    public override string PrimaryNameColumn => "title";

    public override IReadOnlyList<DataverseColumn> Columns { get; } =
    [
        Text("title", "title"),
        Text("description", "description"),
        Text("ticketnumber", "number", writable: false),
        Choice("prioritycode", "priority", true, Option(1, "High", "High"), Option(2, "Normal", "Normal"), Option(3, "Low", "Low")),
        Choice("statecode", "status", true, Option(0, "Active", "Active"), Option(1, "Resolved", "Resolved"), Option(2, "Cancelled", "Canceled")),
        Choice("statuscode", "status", true, Option(1, "In Progress", "Active"), Option(5, "Problem Solved", "Resolved"), Option(6, "Cancelled", "Canceled")),
        Time("createdon", "createdAt"),
        Time("modifiedon", "updatedAt"),
    ];

    public override IReadOnlyList<DataverseLookup> Lookups { get; } =
    [
        new("msdyn_IoTAlert", "msdyn_iotalert", "msdyn_iotalerts", "alertId"),
        new("customerid_account", "customerid", "accounts", "accountId"),
        new("msdyn_CustomerAsset", "msdyn_customerasset", "msdyn_customerassets", "customerAssetId"),
    ];

    public override IReadOnlyList<ApiKeyRole> Creators => Dispatchers;

    public override IReadOnlyList<ApiKeyRole> Updaters => Dispatchers;

    protected override object ToRead(Case entity, DataverseContext context) => Resource.ToRead(entity);

    protected override IOrderedQueryable<Case> DefaultOrder(IQueryable<Case> source, DataverseContext context) => Resource.DefaultOrder(source);

    public override async Task<DataverseWrite> CreateAsync(DataverseContext context, Guid? id, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        if (id is not null)
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid("Fieldlink chooses a case's id: create cases with POST /incidents."));
        }

        if (fields.Select(f => f.Key).FirstOrDefault(k => k is not ("alertId" or "title" or "priority")) is { } other)
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid($"{ColumnOf(other)} is taken from the alert when a case is created; set it with an update."));
        }

        if (context.InChangeSet)
        {
            return DataverseWrite.Failed(DataverseAnswer.NotSupported("A case is created with its alert's group in a transaction of its own: send the create outside a change set."));
        }

        if (fields["alertId"]?.GetValue<Guid>() is not { } alertId)
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid("msdyn_IoTAlert: a case is created from an alert: \"msdyn_IoTAlert@odata.bind\": \"/msdyn_iotalerts(<id>)\"."));
        }

        // The body of POST /api/v1/alerts/{id}/case, read as it is there (its text checks included).
        fields.Remove("alertId");
        CaseCreate create;
        try
        {
            create = fields.Deserialize<CaseCreate>(ApiJson.Options)!;
        }
        catch (JsonException ex)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, JsonErrors.From(ex)));
        }

        var errors = new FieldErrors();
        var title = errors.Optional("title", create.Title, Case.TitleMaxLength);
        if (!errors.IsEmpty)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, errors));
        }

        var result = await context.Services.GetRequiredService<CaseLifecycle>().CreateFromAlertAsync(alertId, title, create.Priority, context.Cancellation);
        return result.Refusal is { } refusal
            ? DataverseWrite.Failed(DataverseFailures.FromProblem(this, RefusalProblems.From(refusal)))
            : DataverseWrite.Done(result.Value!);
    }

    /// <summary>As <c>PATCH /api/v1/cases/{id}</c>: the fields checked, then <see cref="CaseLifecycle.UpdateAsync"/> (a status change resolves, cancels or reopens the case with its alerts).</summary>
    public override async Task<DataverseWrite> UpdateAsync(DataverseContext context, Entity entity, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        if (context.InChangeSet)
        {
            return DataverseWrite.Failed(DataverseAnswer.NotSupported("A case changes with its alerts in a transaction of its own: send the update outside a change set."));
        }

        if (fields.ContainsKey("alertId"))
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid("msdyn_IoTAlert: a case keeps the alert it was created from."));
        }

        if (JsonMergePatch.Merge(CaseResource.ToWrite((Case)entity), fields, out var write) is { } invalid)
        {
            return DataverseWrite.Failed(DataverseFailures.FromProblem(this, invalid.ProblemDetails));
        }

        var errors = new FieldErrors();
        var title = errors.Required("title", write.Title, Case.TitleMaxLength);
        var description = errors.Optional("description", write.Description, Case.DescriptionMaxLength);
        await References.CheckAsync<Account>(context.Db, errors, "accountId", write.AccountId, "account", context.Cancellation);
        await References.CheckAsync<CustomerAsset>(context.Db, errors, "customerAssetId", write.CustomerAssetId, "customer asset", context.Cancellation);
        if (!errors.IsEmpty)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, errors));
        }

        // Only a status the update names is a change; an edit of the title must not undo a status change made meanwhile.
        var edit = new CaseEdit(title!, description, write.Priority ?? CasePriority.Normal, write.AccountId, write.CustomerAssetId, fields.ContainsKey("status") ? write.Status : null);
        context.Db.ChangeTracker.Clear();
        var result = await context.Services.GetRequiredService<CaseLifecycle>().UpdateAsync(entity.Id, context.ExpectedVersion, edit, context.Cancellation);
        return result.Refusal is { } refusal
            ? DataverseWrite.Failed(DataverseFailures.FromProblem(this, RefusalProblems.From(refusal)))
            : DataverseWrite.Done(result.Value!);
    }
}
