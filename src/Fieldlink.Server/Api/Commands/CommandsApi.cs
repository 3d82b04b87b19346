using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Commands;

/// <summary>
/// Commands: sent to a device or to every device of a customer asset (202: queued, then sent by the dispatcher; 409
/// or 501 at once when the device's provider instance is disabled or its connector sends no commands), tracked
/// through their lifecycle, canceled while still queued. An <c>Idempotency-Key</c> header makes a retried request
/// answer the command it already made.
/// </summary>
public static class CommandsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapCommandsApi(this IEndpointRouteBuilder api)
    {
        var commands = api.MapGroup("commands").WithTags("commands");
        commands.MapGet("/", ListAsync)
            .Produces<CollectionPage<CommandRead>>()
            .WithSummary("Lists commands, with OData $filter, $orderby, $top, $skip, $count and $select.");
        commands.MapGet("/{id:guid}", ReadAsync).WithSummary("Reads one command.");
        commands.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancels a command that is still queued (409 once it is being sent or later).");

        api.MapPost("devices/{id:guid}/commands", SendToDeviceAsync).WithTags("commands").RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .WithSummary("Sends a command to the device: queued now, sent by the dispatcher; answers 202 and the command.");
        api.MapGet("devices/{id:guid}/commands", ListOfDeviceAsync)
            .Produces<CollectionPage<CommandRead>>()
            .WithTags("commands").WithSummary("Lists the device's commands, newest first (OData query options).");
        api.MapPost("customerAssets/{id:guid}/commands", SendToAssetAsync).WithTags("commands").RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .WithSummary("Sends a command to every device of the customer asset; answers 202 and one command per device.");
    }

    // What a command shows depends on who reads it (errorDetail): its resource is made for the reader.
    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(CommandResource.For(http.User), db.Commands, http, options.Value, ct);

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListOfDeviceAsync(
        Guid id, HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(CommandResource.For(http.User), db.Commands.Where(c => c.DeviceRecordId == id), http, options.Value, ct);

    private static async Task<Results<Ok<CommandRead>, ProblemHttpResult>> ReadAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct)
    {
        var command = await db.Commands.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (command is null)
        {
            return ApiProblems.NotFound("command", id);
        }

        ETags.Set(http.Response, command);
        return TypedResults.Ok(CommandResource.For(http.User).ToRead(command));
    }

    private static async Task<Results<Accepted<CommandRead>, ValidationProblem, ProblemHttpResult>> SendToDeviceAsync(
        Guid id, CommandWrite body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, FieldlinkDbContext db, CommandIntake intake, CommandDefinitions definitions, ActionRouter router, AlertLifecycle lifecycle, TimeProvider time, CancellationToken ct)
    {
        if (Validate(body, idempotencyKey, time) is { } invalid)
        {
            return invalid;
        }

        if ((await router.ResolveAsync(id, ct)).Value is not { } target)
        {
            return ApiProblems.NotFound("device", id);
        }

        // A command that could only fail is refused now, as any action is (409 disabled, 501 not supported), rather
        // than taken and failed by the dispatcher.
        if (Unsendable(router, target) is { } refused)
        {
            return RefusalProblems.From(refused);
        }

        if (await UnknownAlertAsync(body, db, ct) is { } unknown)
        {
            return unknown;
        }

        if (await UndefinedAsync([id], body, definitions, ct) is { } undefined)
        {
            return undefined;
        }

        var command = (await intake.EnqueueAsync([id], Request(body, idempotencyKey), null, ct))[0];
        await AnsweredAsync(body, lifecycle, ct);
        return TypedResults.Accepted($"/api/v1/commands/{command.Id}", CommandRead.From(command));
    }

    private static async Task<Results<Accepted<CollectionPage<CommandRead>>, ValidationProblem, ProblemHttpResult>> SendToAssetAsync(
        Guid id, CommandWrite body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, FieldlinkDbContext db, CommandIntake intake, CommandDefinitions definitions, ActionRouter router, AlertLifecycle lifecycle, TimeProvider time, CancellationToken ct)
    {
        if (Validate(body, idempotencyKey, time) is { } invalid)
        {
            return invalid;
        }

        if (!await db.CustomerAssets.AnyAsync(a => a.Id == id, ct))
        {
            return ApiProblems.NotFound("customer asset", id);
        }

        var all = await db.Devices.Where(d => d.CustomerAssetId == id).OrderBy(d => d.Name).Select(d => d.Id).ToListAsync(ct);
        if (all.Count == 0)
        {
            return ApiProblems.Conflict("The customer asset has no devices to send the command to.");
        }

        // The command goes to the devices that can take it; when none can, it is refused as for one device: 409 when
        // a provider instance of theirs is disabled, else 501.
        var targets = await router.ResolveAsync(all, ct);
        var refusals = targets.ToDictionary(t => t.Device.Id, t => Unsendable(router, t));
        var devices = all.Where(d => refusals.TryGetValue(d, out var refused) && refused is null).ToList();
        if (devices.Count == 0)
        {
            var errors = refusals.Values.OfType<Refusal>().ToList();
            var kind = errors.Any(e => e.Kind == RefusalKind.InstanceDisabled) ? RefusalKind.InstanceDisabled : RefusalKind.NotSupported;
            var reasons = string.Join(" ", errors.Where(e => e.Kind == kind).Select(e => e.Message).Distinct());
            return RefusalProblems.From(new Refusal(kind, $"None of the customer asset's devices can take the command. {reasons}"));
        }

        if (await UnknownAlertAsync(body, db, ct) is { } unknown)
        {
            return unknown;
        }

        // Each device is held to its own category's definition of the command.
        if (await UndefinedAsync(devices, body, definitions, ct) is { } undefined)
        {
            return undefined;
        }

        var commands = await intake.EnqueueAsync(devices, Request(body, idempotencyKey), id, ct);
        await AnsweredAsync(body, lifecycle, ct);
        return TypedResults.Accepted($"/api/v1/commands?$filter=customerAssetId eq {id}", new CollectionPage<CommandRead>([.. commands.Select(c => CommandRead.From(c))], commands.Count, null));
    }

    private static async Task<Results<Ok<CommandRead>, ProblemHttpResult>> CancelAsync(Guid id, FieldlinkDbContext db, CommandIntake intake, CancellationToken ct)
    {
        if (!await db.Commands.AnyAsync(c => c.Id == id, ct))
        {
            return ApiProblems.NotFound("command", id);
        }

        var canceled = await intake.CancelAsync(id, ct);
        var command = await db.Commands.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        return canceled
            ? TypedResults.Ok(CommandRead.From(command))
            : ApiProblems.Conflict($"The command is {command.Status}{(command.Status == Sdk.CommandStatus.Queued ? " and being sent now" : string.Empty)}; only a queued command can be canceled.");
    }

    /// <summary>Why a command to <paramref name="target"/> could only fail, as the dispatcher would find it; null when it can be sent.</summary>
    internal static Refusal? Unsendable(ActionRouter router, ActionTarget target) =>
        !target.Instance.Enabled
            ? new Refusal(RefusalKind.InstanceDisabled, $"The provider instance '{target.Instance.Name}' is disabled; enable it to run {ConnectorAction.SendCommand}.")
            : !router.Supports<ISendCommands>(target)
                ? new Refusal(RefusalKind.NotSupported, ActionRouter.NotSupportedMessage(ConnectorAction.SendCommand, target))
                : null;

    private static async Task<ValidationProblem?> UnknownAlertAsync(CommandWrite body, FieldlinkDbContext db, CancellationToken ct) =>
        body.AlertId is { } alertId && !await db.Alerts.AnyAsync(a => a.Id == alertId, ct)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["alertId"] = [$"There is no alert with id {alertId}."] })
            : null;

    /// <summary>A 400 naming each parameter that does not fit the definition of the command in a device's category; null when all fit.</summary>
    private static async Task<ValidationProblem?> UndefinedAsync(IReadOnlyList<Guid> devices, CommandWrite body, CommandDefinitions definitions, CancellationToken ct)
    {
        var errors = await definitions.CheckAsync(devices, body.Name!, body.Parameters, ct);
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    /// <summary>A command that answers an alert moves the alert's group to InProgress, as the reference's "Command Sent".</summary>
    private static async Task AnsweredAsync(CommandWrite body, AlertLifecycle lifecycle, CancellationToken ct)
    {
        if (body.AlertId is { } alertId)
        {
            await lifecycle.CommandSentAsync(alertId, ct);
        }
    }

    private static ValidationProblem? Validate(CommandWrite body, string? idempotencyKey, TimeProvider time)
    {
        var errors = new FieldErrors();
        errors.Required("name", body.Name);
        if (body.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            errors.Add("expiresAt", "expiresAt must be in the future.");
        }

        if (idempotencyKey is { } key && (string.IsNullOrWhiteSpace(key) || key.Length > 200))
        {
            errors.Add(IdempotencyKeyHeader, "The Idempotency-Key header must be 1 to 200 characters.");
        }

        return errors.IsEmpty ? null : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    private static CommandRequest Request(CommandWrite body, string? idempotencyKey) =>
        new(body.Name!.Trim(), body.Parameters, body.AlertId, body.ExpiresAt, idempotencyKey?.Trim());
}
