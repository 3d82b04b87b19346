using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fieldlink.Server.Api.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.OData;

/// <summary>
/// Gives a single record's answer (<c>GET</c> or <c>PATCH /api/v1/devices/{id}</c>) its <c>@odata.context</c>
/// (<c>$metadata#devices/$entity</c>), for every collection at once: the features' handlers keep answering their
/// records, and this filter on the API group turns them into OData entities.
/// </summary>
public sealed partial class ODataEntityContext : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsPatch(http.Request.Method))
        {
            return result;
        }

        var answer = result is INestedHttpResult nested ? nested.Result : result;
        if (answer is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } || answer is not IValueHttpResult { Value: { } value }
            || (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is not { } pattern
            || SingleRecord().Match(pattern) is not { Success: true } match
            || ODataModel.Instance.EntityContainer.FindEntitySet(match.Groups[1].Value) is not { } set)
        {
            return result;
        }

        if (JsonSerializer.SerializeToNode(value, value.GetType(), ApiJson.Options) is not JsonObject record)
        {
            return result;
        }

        var entity = new JsonObject { ["@odata.context"] = ODataAnswer.Context(http.Request, set.Name, null, null, oneRecord: true) };
        foreach (var (name, field) in record.ToList())
        {
            record.Remove(name);
            entity[name] = field;
        }

        return TypedResults.Json(entity, ApiJson.Options);
    }

    [GeneratedRegex(@"^/?api/v1/(\w+)/\{id:guid\}/?$")]
    private static partial Regex SingleRecord();
}
