using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Validation;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Commands;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Dataverse.Actions;

/// <summary>
/// Register, pull device data and send command, over the Core services /api/v1's device actions use
/// (<see cref="DeviceRegistrar"/>, <see cref="DevicePuller"/>, <see cref="CommandIntake"/>). A device list naming a device
/// that does not exist is refused whole (404) before anything runs, as the Web API refuses a request naming a missing
/// record. When no device got an answer from its provider, the call answers the refusal (501, 409, 502, 504), as for
/// one device on /api/v1; otherwise 200 with one result per device, the failed ones saying why.
/// </summary>
internal static class DeviceActionHandlers
{
    public static async Task<IResult> RegisterAsync(HttpContext http, DeviceRegistrar registrar, FieldlinkDbContext db, CancellationToken ct)
    {
        var (ids, refused) = await DevicesAsync(http, db, input => input.Devices(), ct);
        if (refused is not null)
        {
            return refused;
        }

        var results = await registrar.RegisterAsync(ids, ct);
        if (AllRefused(results) is { } none)
        {
            return none;
        }

        var statuses = await db.Devices.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.DeviceId, d.RegistrationStatus }).ToDictionaryAsync(d => d.Id, ct);
        var items = new JsonArray();
        foreach (var result in results)
        {
            var history = result.History;
            items.Add(new JsonObject
            {
                ["Id"] = result.DeviceId.ToString(),
                // Nothing reached the provider (not supported, instance disabled): the device keeps its status; the message says why.
                ["RegistrationStatus"] = ActionAnswers.OptionSet((int)(history?.Status ?? statuses[result.DeviceId].RegistrationStatus)),
                ["DeviceId"] = history?.ProviderDeviceId ?? statuses[result.DeviceId].DeviceId,
                ["Message"] = history?.Message ?? result.Refusal?.Message,
            });
        }

        return ActionAnswers.Ok(http, ActionName(http), new JsonObject { ["RegistrationResultsJSON"] = ActionAnswers.Serialize(items) });
    }

    /// <summary>
    /// The reference's older "IoT – Register Device", <c>msdyn_RegisterIoTDevice</c>, as its action reference documents it:
    /// <c>IoTDeviceIds</c>, the devices' ids separated by commas, and no output (204). It registers as
    /// <see cref="RegisterAsync"/> does; each device's outcome is in its registration history.
    /// </summary>
    public static async Task<IResult> RegisterByIdsAsync(HttpContext http, DeviceRegistrar registrar, FieldlinkDbContext db, CancellationToken ct)
    {
        var (ids, refused) = await DevicesAsync(http, db, input => input.DeviceIdList("IoTDeviceIds"), ct);
        if (refused is not null)
        {
            return refused;
        }

        if (AllRefused(await registrar.RegisterAsync(ids, ct)) is { } none)
        {
            return none;
        }

        http.Response.Headers[ActionAnswers.ODataVersionHeader] = "4.0";
        return TypedResults.NoContent();
    }

    public static async Task<IResult> PullAsync(HttpContext http, DevicePuller puller, FieldlinkDbContext db, CancellationToken ct)
    {
        var (ids, refused) = await DevicesAsync(http, db, input => input.Devices(), ct);
        if (refused is not null)
        {
            return refused;
        }

        var results = await puller.PullAsync(ids, ct);
        if (AllRefused(results) is { } none)
        {
            return none;
        }

        var items = new JsonArray();
        foreach (var result in results)
        {
            var data = result.History;
            var item = new JsonObject
            {
                ["Id"] = result.DeviceId.ToString(),
                ["ConnectionState"] = data?.ConnectionState switch
                {
                    ConnectionState.Connected => true,
                    ConnectionState.Disconnected => false,
                    _ => null,
                },
                ["ConnectionStateUpdatedTime"] = data?.ConnectionStateChangedAt is { } changed ? ActionAnswers.Time(changed) : null,
                ["DeviceReportedProperties"] = data?.ReportedProperties is { } properties ? JsonNode.Parse(properties) : null,
                ["LastActivityTime"] = data?.LastActivityAt is { } activity ? ActionAnswers.Time(activity) : null,
            };

            // Fieldlink's addition: why a device has no data (the vendor does not know it, or its system failed).
            if ((data?.Message ?? result.Refusal?.Message) is { } message)
            {
                item["Message"] = message;
            }

            items.Add(item);
        }

        return ActionAnswers.Ok(http, ActionName(http), new JsonObject { ["PullDeviceDataResultsJSON"] = ActionAnswers.Serialize(items) });
    }

    public static async Task<IResult> SendCommandAsync(
        HttpContext http, FieldlinkDbContext db, ActionRouter router, CommandDefinitions definitions, CommandIntake intake, AlertLifecycle lifecycle, CancellationToken ct)
    {
        var input = await ActionInput.ReadAsync(http.Request, ct);
        var ids = input.Devices();
        var (name, parameters) = Command(input);
        // The alert the command answers (the reference's msdyn_parentalert): it moves to In Progress, as on /api/v1.
        var alertId = input.Find("IoTAlertId") is null ? (Guid?)null : input.RequiredGuid("IoTAlertId");
        string? idempotencyKey = http.Request.Headers[CommandsApi.IdempotencyKeyHeader];
        if (idempotencyKey is not null && (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 200))
        {
            input.Fail($"The {CommandsApi.IdempotencyKeyHeader} header must be 1 to 200 characters.");
        }

        if (input.Invalid is { } invalid)
        {
            return invalid;
        }

        if (await UnknownAsync(db, ids, ct) is { } unknown)
        {
            return ActionAnswers.UnknownDevice(unknown);
        }

        // All or nothing, as /api/v1 refuses a command that could only fail: 409 for a disabled instance, 501 for a
        // connector that sends no commands.
        foreach (var target in await router.ResolveAsync(ids, ct))
        {
            if (CommandsApi.Unsendable(router, target) is { } refused)
            {
                return ActionAnswers.Refused(refused);
            }
        }

        if (alertId is { } alert && !await db.Alerts.AnyAsync(a => a.Id == alert, ct))
        {
            return DataverseErrors.Result(StatusCodes.Status400BadRequest, DataverseErrors.InvalidArgument, $"IoTAlertId: there is no msdyn_iotalert with id {alert}.");
        }

        var undefined = await definitions.CheckAsync(ids, name!, parameters, ct);
        if (undefined.Count > 0)
        {
            var (field, messages) = undefined.First();
            return DataverseErrors.Result(StatusCodes.Status400BadRequest, DataverseErrors.InvalidArgument, $"{ParameterName(field)}: {string.Join(" ", messages)}");
        }

        var commands = await intake.EnqueueAsync(ids, new CommandRequest(name!, parameters, alertId, null, idempotencyKey?.Trim()), null, ct);
        if (alertId is { } answered)
        {
            await lifecycle.CommandSentAsync(answered, ct);
        }

        var items = new JsonArray();
        foreach (var command in commands)
        {
            items.Add(new JsonObject
            {
                ["Id"] = command.DeviceRecordId.ToString(),
                ["CommandId"] = command.Id.ToString(),
                ["CommandName"] = command.Name,
                ["Status"] = ActionAnswers.OptionSet(CommandStatusValue(command.Status)),
                ["Message"] = command.Error,
            });
        }

        return ActionAnswers.Ok(http, ActionName(http), new JsonObject { ["SendCommandResultsJSON"] = ActionAnswers.Serialize(items) });
    }

    /// <summary>The reference's command status (In Progress, Sent, Error) of a Fieldlink command's, as an offset from 192350000.</summary>
    public static int CommandStatusValue(CommandStatus status) => status switch
    {
        CommandStatus.Queued => 0,
        CommandStatus.Sent or CommandStatus.Delivered or CommandStatus.Succeeded => 1,
        _ => 2,
    };

    /// <summary>The name the action was mapped under (an alias answers as itself).</summary>
    public static string ActionName(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "Action";

    /// <summary>
    /// Reads the action's input and its device list: the refusal when the input is wrong (400 naming the parameter) or
    /// names a device there is not (404), before anything runs.
    /// </summary>
    private static async Task<(IReadOnlyList<Guid> Ids, IResult? Refusal)> DevicesAsync(
        HttpContext http, FieldlinkDbContext db, Func<ActionInput, IReadOnlyList<Guid>> devices, CancellationToken ct)
    {
        var input = await ActionInput.ReadAsync(http.Request, ct);
        var ids = devices(input);
        if (input.Invalid is { } invalid)
        {
            return (ids, invalid);
        }

        return await UnknownAsync(db, ids, ct) is { } unknown ? (ids, ActionAnswers.UnknownDevice(unknown)) : (ids, null);
    }

    /// <summary>When no device got an answer from its provider, the refusal for the call (as for one device on /api/v1).</summary>
    private static IResult? AllRefused<T>(IReadOnlyList<DeviceActionResult<T>> results)
        where T : class =>
        results.All(r => r.Refusal is not null) ? ActionAnswers.Refused(results[0].Refusal!) : null;

    /// <summary>The first of <paramref name="ids"/> no device has, or null.</summary>
    public static async Task<Guid?> UnknownAsync(FieldlinkDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var known = await db.Devices.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        return ids.Where(id => !known.Contains(id)).Select(id => (Guid?)id).FirstOrDefault();
    }

    /// <summary>
    /// The command, as the reference's message has it: <c>CommandName</c> and <c>Parameters</c> (an object, or a string of
    /// one), or both inside <c>Message</c>, the JSON the reference stores in msdyn_message.
    /// </summary>
    private static (string? Name, JsonObject? Parameters) Command(ActionInput input)
    {
        JsonNode? message = null;
        if (input.Find("CommandName") is null && input.Json("Message") is { } given)
        {
            message = given;
        }

        var name = message is JsonObject m ? m["CommandName"] : input.Find("CommandName");
        var parameters = message is JsonObject o ? o["Parameters"] : input.Json("Parameters");
        var field = message is null ? "CommandName" : "Message.CommandName";
        if (name is null || name.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetValue<string>()))
        {
            input.Fail($"The parameter {field} is required: the command's name, e.g. \"Reset Thermostat\" (or give Message: {{\"CommandName\", \"Parameters\"}}).");
            return (null, null);
        }

        var text = name.GetValue<string>().Trim();
        if (text.Length > 200 || StorableValues.TextProblem(text) is not null)
        {
            input.Fail($"The parameter {field} must be at most 200 characters of text.");
        }

        if (parameters is not null and not JsonObject)
        {
            input.Fail($"The parameter {(message is null ? "Parameters" : "Message.Parameters")} must be a JSON object, e.g. {{\"Message\": \"Technician has been dispatched\"}}.");
            return (text, null);
        }

        if (StorableValues.JsonProblem(parameters) is { } problem)
        {
            input.Fail($"The parameter Parameters cannot be stored: the JSON {problem}");
        }

        return (text, (JsonObject?)parameters?.DeepClone());
    }

    /// <summary>/api/v1's <c>parameters.Reading</c> → the Web API's <c>Parameters.Reading</c>.</summary>
    private static string ParameterName(string field) =>
        field.StartsWith("parameters", StringComparison.Ordinal) ? "P" + field[1..] : field;
}
