using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Webhooks;

/// <summary>
/// <c>/api/v1/webhooks</c>, for Administrators: subscriptions (the secret only in the answer to a creation or a
/// rotation), their delivery logs, and manual redelivery. docs/webhooks.md describes the events and their signatures.
/// </summary>
public static class WebhooksApi
{
    private static readonly WebhookDeliveryResource Deliveries = new();

    public static void MapWebhooksApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("webhooks").WithTags("webhooks").RequireAuthorization(AuthPolicies.Administer);
        group.MapGet("/", ListAsync)
            .Produces<CollectionPage<WebhookRead>>()
            .WithSummary("Lists webhooks, with OData $filter, $orderby, $top, $skip, $count and $select.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one webhook subscription.");
        group.MapPatch("/{id:guid}", UpdateAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<WebhookWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a webhook subscription: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        group.MapPost("/", CreateAsync)
            .Accepts<WebhookWrite>("application/json")
            .Produces<WebhookCreated>(StatusCodes.Status201Created)
            .WithSummary("Creates a subscription; the answer holds its signing secret (whsec_...), shown only this once.");
        group.MapDelete("/{id:guid}", DeleteAsync)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Deletes a subscription and its delivery log. Honours If-Match.");
        group.MapPost("/{id:guid}/rotateSecret", RotateAsync)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Makes a new signing secret, shown only in this answer; the previous one goes on signing for overlapSeconds (default a day).");
        group.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync)
            .Produces<CollectionPage<WebhookDeliveryRead>>()
            .WithSummary("Lists the subscription's deliveries, newest first: status, attempts with status code and latency (OData query options).");
        group.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", ReadDeliveryAsync).WithSummary("Reads one delivery.");
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Sends a delivery that succeeded, died or was canceled again, now, with the same webhook-id, on a fresh retry schedule (202).");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, OutboundGuard guard, WebhookSubscriptionCache cache, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(new WebhookResource(guard, cache), db.WebhookSubscriptions, http, options.Value, ct);

    private static Task<Results<Ok<WebhookRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, OutboundGuard guard, WebhookSubscriptionCache cache, CancellationToken ct) =>
        CollectionHandlers.GetAsync(new WebhookResource(guard, cache), id, http, db, ct);

    private static Task<Results<Ok<WebhookRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, OutboundGuard guard, WebhookSubscriptionCache cache, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(new WebhookResource(guard, cache), id, body, http, db, ct);

    private static async Task<IResult> CreateAsync(
        HttpContext http, FieldlinkDbContext db, OutboundGuard guard, WebhookSubscriptionCache cache, IOptions<WebhookOptions> options, TimeProvider time, CancellationToken ct)
    {
        var (body, invalid) = await JsonBody.ReadAsync<WebhookWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var edit = await WebhookEdits.CreateAsync(new WebhookResource(guard, cache), body!, db, cache, options.Value, time, ct);
        if (!edit.Succeeded)
        {
            return Refusal(edit);
        }

        var created = edit.Entity!;
        ETags.Set(http.Response, created);
        return TypedResults.Created(
            $"{http.Request.PathBase}/api/v1/webhooks/{created.Id}",
            new WebhookCreated(created.Id, created.Url, created.EventTypeList(), created.Enabled, created.Description, created.ActiveFrom, created.CreatedAt, created.Secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext http, FieldlinkDbContext db, OutboundGuard guard, WebhookSubscriptionCache cache, CancellationToken ct)
    {
        var resource = new WebhookResource(guard, cache);
        var entity = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (entity is null)
        {
            return ApiProblems.NotFound(resource.Noun, id);
        }

        if (ETags.CheckIfMatch(http.Request, db, entity, resource.Noun) is { } stale)
        {
            return stale;
        }

        var edit = await WebhookEdits.DeleteAsync(resource, entity, db, cache, ct);
        return edit.Problem is { } problem ? problem : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebhookSecretRotated>, ValidationProblem, ProblemHttpResult>> RotateAsync(
        Guid id, HttpContext http, FieldlinkDbContext db, TimeProvider time, CancellationToken ct)
    {
        WebhookRotation? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (read, invalid) = await JsonBody.ReadAsync<WebhookRotation>(http.Request, ct);
            if (invalid is not null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body must be {\"overlapSeconds\": <seconds>}, or empty."] });
            }

            body = read;
        }

        var overlap = body?.OverlapSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : WebhookEdits.DefaultOverlap;
        if (WebhookEdits.OverlapError(overlap) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["overlapSeconds"] = [error] });
        }

        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return ApiProblems.NotFound("webhook subscription", id);
        }

        if (ETags.CheckIfMatch(http.Request, db, subscription, "webhook subscription") is { } stale)
        {
            return stale;
        }

        var edit = await WebhookEdits.RotateAsync(subscription, overlap, db, time, ct);
        if (edit.Problem is { } problem)
        {
            return problem;
        }

        ETags.Set(http.Response, subscription);
        return TypedResults.Ok(new WebhookSecretRotated(subscription.Id, subscription.Secret, subscription.PreviousSecretUntil));
    }

    private static async Task<IResult> ListDeliveriesAsync(Guid id, HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, ct)
            ? await CollectionList.ListAsync(Deliveries, db.WebhookDeliveries.Where(d => d.SubscriptionId == id), http, options.Value, ct)
            : ApiProblems.NotFound("webhook subscription", id);

    private static async Task<Results<Ok<WebhookDeliveryRead>, ProblemHttpResult>> ReadDeliveryAsync(Guid id, Guid deliveryId, FieldlinkDbContext db, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, ct);
        return delivery is null ? ApiProblems.NotFound(Deliveries.Noun, deliveryId) : TypedResults.Ok(Deliveries.ToRead(delivery));
    }

    private static async Task<Results<Accepted<WebhookDeliveryRead>, ProblemHttpResult>> RedeliverAsync(
        Guid id, Guid deliveryId, HttpContext http, FieldlinkDbContext db, WebhookSignal signal, TimeProvider time, CancellationToken ct)
    {
        var edit = await WebhookEdits.RedeliverAsync(id, deliveryId, db, signal, time, ct);
        return edit.Problem is { } problem
            ? problem
            : TypedResults.Accepted($"{http.Request.PathBase}/api/v1/webhooks/{id}/deliveries/{deliveryId}", Deliveries.ToRead(edit.Entity!));
    }

    private static IResult Refusal(CollectionEdit<WebhookSubscription> edit) =>
        edit.Errors is { } errors ? TypedResults.ValidationProblem(errors) : edit.Problem!;
}
