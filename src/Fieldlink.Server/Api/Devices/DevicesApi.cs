using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Ingestion;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Devices;

/// <summary><c>/api/v1/devices</c>: the device registry; written by Administrators.</summary>
public static class DevicesApi
{
    private static readonly DeviceResource Resource = new();

    public static void MapDevicesApi(this IEndpointRouteBuilder api)
    {
        var devices = api.MapGroup("devices").WithTags("devices");
        devices.MapGet("/", ListAsync)
            .Produces<CollectionPage<DeviceRead>>()
            .WithSummary("Lists devices, with OData $filter, $orderby, $top, $skip, $count and $select.");
        devices.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one device.");
        devices.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Accepts<DeviceWrite>("application/json")
            .Produces<DeviceRead>(StatusCodes.Status201Created)
            .WithSummary("Creates a device.");
        devices.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<DeviceWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a device: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        devices.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Deletes a device. Honours If-Match.");
        devices.MapGet("/{id:guid}/tiles", TilesAsync)
            .Produces<DeviceTilesRead>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The current values of the device's summary tiles: its own, else its category's, else the defaults (alerts in the last day, cases and work orders in the last 30 days, the 7-day average of the first two numeric reported properties).");
    }

    /// <summary>Maps <c>POST /state</c> on the ingestion group (<c>/api/v1/ingest</c>, the Ingest policy: Endpoint keys too).</summary>
    public static void MapDeviceStateIngestionApi(this IEndpointRouteBuilder ingest)
    {
        ingest.MapPost("/state", IngestStateAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Accepts<DeviceStateItem[]>("application/json")
            .WithSummary("Updates devices' connection state, reported properties (merged) and last activity. An Administrator key names the instance with ?instance=.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.Devices, http, options.Value, ct);

    private static Task<Results<Ok<DeviceRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    private static Task<IResult> CreateAsync(HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.CreateAsync(Resource, http, db, ct);

    private static Task<Results<Ok<DeviceRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(Resource, id, body, http, db, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.DeleteAsync(Resource, id, http, db, ct);

    private static async Task<Results<Ok<DeviceTilesRead>, ProblemHttpResult>> TilesAsync(Guid id, TileValues tiles, CancellationToken ct) =>
        await tiles.ForDeviceAsync(id, ct) is { } answer
            ? TypedResults.Ok(DeviceTilesRead.From(id, answer.Origin, answer.Values))
            : Problems.ApiProblems.NotFound("device", id);

    private static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestStateAsync(
        HttpContext http, string? instance, FieldlinkDbContext db, DeviceStateIngestion ingestion, CancellationToken ct) =>
        await IngestionItems.IngestForKeyAsync<DeviceStateItem, DeviceStateReport>(http, instance, db, item => item.ToReport(), ingestion.IngestAsync, ct);
}
