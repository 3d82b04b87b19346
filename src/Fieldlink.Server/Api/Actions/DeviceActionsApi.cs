using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Actions;

/// <summary>
/// Provider actions on devices, routed to each device's connector: register and pull (one device or a batch),
/// custom actions, and the histories they write.
/// </summary>
public static class DeviceActionsApi
{
    /// <summary>The most devices one batch action takes.</summary>
    public const int MaxBatch = 500;

    private static readonly RegistrationHistoryResource Registrations = new();
    private static readonly DeviceDataHistoryResource DataHistory = new();

    public static void MapDeviceActionsApi(this IEndpointRouteBuilder api)
    {
        var devices = api.MapGroup("devices").WithTags("device actions");
        devices.MapPost("/{id:guid}/register", RegisterOneAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithSummary("Registers the device with its provider; answers the registration history record.");
        devices.MapPost("/register", RegisterManyAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .WithSummary("Registers several devices, batched per provider instance; answers one result per device.");
        devices.MapPost("/{id:guid}/pull", PullOneAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithSummary("Pulls the device's current data from its provider; answers the data history record.");
        devices.MapPost("/pull", PullManyAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .WithSummary("Pulls several devices' data, batched per provider instance; answers one result per device.");
        devices.MapPost("/{id:guid}/actions/{name}", CustomAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .Produces<JsonNode>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithSummary("Runs a custom action of the device's connector, with the action's JSON input.");
        devices.MapGet("/{id:guid}/registrations", ListRegistrationsAsync)
            .Produces<CollectionPage<RegistrationRead>>()
            .WithSummary("Lists the device's registrations, newest first (OData query options).");
        devices.MapGet("/{id:guid}/dataHistory", ListDataHistoryAsync)
            .Produces<CollectionPage<DeviceDataRead>>()
            .WithSummary("Lists the device's data pulls, newest first (OData query options).");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListRegistrationsAsync(
        Guid id, HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Registrations, db.RegistrationHistory.Where(h => h.DeviceRecordId == id), http, options.Value, ct);

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListDataHistoryAsync(
        Guid id, HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(DataHistory, db.DeviceDataHistory.Where(h => h.DeviceRecordId == id), http, options.Value, ct);

    private static async Task<Results<Ok<RegistrationRead>, ProblemHttpResult>> RegisterOneAsync(Guid id, DeviceRegistrar registrar, CancellationToken ct)
    {
        var result = (await registrar.RegisterAsync([id], ct))[0];
        return result.Refusal is { } refusal
            ? RefusalProblems.From(refusal, result.History is { } h ? new Dictionary<string, object?> { ["registrationId"] = h.Id } : null)
            : TypedResults.Ok(RegistrationRead.From(result.History!));
    }

    private static async Task<Results<Ok<BatchAnswer<RegistrationRead>>, ValidationProblem>> RegisterManyAsync(DeviceIds body, DeviceRegistrar registrar, CancellationToken ct)
    {
        if (Check(body) is { } invalid)
        {
            return invalid;
        }

        var results = await registrar.RegisterAsync(body.Ids!, ct);
        return TypedResults.Ok(new BatchAnswer<RegistrationRead>([.. results.Select(r => ToBatch(r, RegistrationRead.From))]));
    }

    private static async Task<Results<Ok<DeviceDataRead>, ProblemHttpResult>> PullOneAsync(Guid id, DevicePuller puller, CancellationToken ct)
    {
        var result = (await puller.PullAsync([id], ct))[0];
        return result.Refusal is { } refusal
            ? RefusalProblems.From(refusal, result.History is { } h ? new Dictionary<string, object?> { ["dataHistoryId"] = h.Id } : null)
            : TypedResults.Ok(DeviceDataRead.From(result.History!));
    }

    private static async Task<Results<Ok<BatchAnswer<DeviceDataRead>>, ValidationProblem>> PullManyAsync(DeviceIds body, DevicePuller puller, CancellationToken ct)
    {
        if (Check(body) is { } invalid)
        {
            return invalid;
        }

        var results = await puller.PullAsync(body.Ids!, ct);
        return TypedResults.Ok(new BatchAnswer<DeviceDataRead>([.. results.Select(r => ToBatch(r, DeviceDataRead.From))]));
    }

    private static async Task<Results<JsonHttpResult<JsonNode?>, ProblemHttpResult>> CustomAsync(
        Guid id, string name, [FromBody] JsonNode? input, CustomActionRunner runner, CancellationToken ct)
    {
        var result = await runner.RunAsync(id, name, input, ct);
        return result.Refusal is { } refusal ? RefusalProblems.From(refusal) : TypedResults.Json<JsonNode?>(result.Value);
    }

    private static ValidationProblem? Check(DeviceIds body)
    {
        var errors = new FieldErrors();
        if (body.Ids is not { Count: > 0 } ids)
        {
            errors.Add("ids", "Give the ids of one or more devices.");
        }
        else if (ids.Count > MaxBatch)
        {
            errors.Add("ids", $"A batch holds at most {MaxBatch} devices.");
        }

        return errors.IsEmpty ? null : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    private static BatchResult<TRead> ToBatch<THistory, TRead>(DeviceActionResult<THistory> result, Func<THistory, TRead> read)
        where THistory : class =>
        new(result.DeviceId, result.Refusal is null, result.History is null ? default : read(result.History), result.Refusal is { } refusal ? RefusalProblems.BatchErrorKind(refusal) : null, result.Refusal?.Message);
}
