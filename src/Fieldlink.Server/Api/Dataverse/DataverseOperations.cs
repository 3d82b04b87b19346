using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OData;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// Runs one Web API operation on a table: retrieve, retrieve multiple, create, update (upsert) and delete, and the
/// WhoAmI function. A single request and each part of a <c>$batch</c> come here, so they answer alike.
/// </summary>
public static partial class DataverseOperations
{
    /// <summary>The platform's page when a client names none; the server's maximum (Api:MaxPageSize) still caps it.</summary>
    public const int DefaultPageSize = 5000;

    public static async Task<DataverseAnswer> RunAsync(DataverseContext context, DataverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Trim('/');
        if (path is "WhoAmI" or "WhoAmI()")
        {
            return request.Method == HttpMethods.Get ? await WhoAmIAsync(context) : MethodNotAllowed(request, path);
        }

        var match = PathPattern().Match(path);
        if (!match.Success || DataverseTables.Find(match.Groups["set"].Value) is not { } table)
        {
            return DataverseAnswer.Error(StatusCodes.Status404NotFound, DataverseErrors.ObjectDoesNotExist, $"Resource not found for the segment '{path.Split('(')[0]}'.");
        }

        Guid? id = null;
        if (match.Groups["key"].Success)
        {
            var key = match.Groups["key"].Value;
            if (!Guid.TryParse(key, out var parsed))
            {
                return DataverseAnswer.Invalid($"'{key}' is not a key of {table.EntitySet}: use its {table.KeyColumn}, a GUID. Alternate keys are not supported.");
            }

            id = parsed;
        }

        return (request.Method.ToUpperInvariant(), id) switch
        {
            ("GET", null) => await ListAsync(context, table, request),
            ("GET", { } one) => await RetrieveAsync(context, table, one, request),
            ("POST", null) => await DataverseWrites.CreateAsync(context, table, request),
            ("PATCH", { } one) => await DataverseWrites.UpsertAsync(context, table, one, request),
            ("DELETE", { } one) => await DataverseWrites.DeleteAsync(context, table, one, request),
            _ => MethodNotAllowed(request, path),
        };
    }

    private static DataverseAnswer MethodNotAllowed(DataverseRequest request, string path) =>
        DataverseAnswer.Error(StatusCodes.Status405MethodNotAllowed, DataverseErrors.NotSupported, $"{request.Method} is not supported on '{path}'.");

    private static async Task<DataverseAnswer> ListAsync(DataverseContext context, DataverseTable table, DataverseRequest request)
    {
        if (!table.MayRead(context))
        {
            return DataverseWrites.Denied(context, "Read", table);
        }

        var (query, invalid) = DataverseQuery.Parse(table, request.Query);
        if (invalid is not null)
        {
            return invalid;
        }

        var prefer = request.Prefer;
        var maximum = context.Services.GetRequiredService<IOptions<ApiOptions>>().Value.MaxPageSize;
        var pageSize = Math.Min(prefer.MaxPageSize ?? DefaultPageSize, maximum);
        var take = query!.Top is { } top ? Math.Min(top, pageSize) : pageSize;
        List<Core.Data.Entity> rows;
        long? count;
        try
        {
            (rows, count) = await table.ListAsync(context, query, take);
        }
        catch (Exception ex) when (ex is ODataException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return DataverseAnswer.Invalid($"The $filter or $orderby cannot be evaluated here: compare columns with values (eq, ne, gt, ge, lt, le, and, or, not, contains, startswith, endswith); lookups' navigation properties cannot be filtered on, use _x_value. ({ex.GetType().Name})");
        }

        var page = new JsonObject
        {
            ["@odata.context"] = $"{context.ServiceRoot}$metadata#{table.EntitySet}{(query.Select is { } select ? $"({string.Join(',', select)})" : string.Empty)}",
        };
        if (count is not null)
        {
            page["@odata.count"] = count;
        }

        var records = await DataverseRecords.ShapeAsync(context, table, rows.Take(take).ToList(), query.Select, query.Expand, prefer);
        page["value"] = new JsonArray([.. records]);
        if (rows.Count > take && query.Top is null)
        {
            var next = request.Query.Where(q => q.Key != "$skiptoken")
                .Append(new KeyValuePair<string, string>("$skiptoken", (query.Skip + take).ToString(CultureInfo.InvariantCulture)));
            page["@odata.nextLink"] = $"{context.ServiceRoot}{table.EntitySet}{new QueryBuilder(next)}";
        }

        var answer = new DataverseAnswer(StatusCodes.Status200OK, page);
        return Applied(answer, prefer, prefer.MaxPageSize is not null ? $"odata.maxpagesize={pageSize}" : null);
    }

    private static async Task<DataverseAnswer> RetrieveAsync(DataverseContext context, DataverseTable table, Guid id, DataverseRequest request)
    {
        if (!table.MayRead(context))
        {
            return DataverseWrites.Denied(context, "Read", table);
        }

        var (query, invalid) = DataverseQuery.Parse(table, request.Query);
        if (invalid is not null)
        {
            return invalid;
        }

        if (await table.FindAsync(context, id, tracked: false) is not { } record)
        {
            return DataverseAnswer.NotFound(table.LogicalName, id);
        }

        var etag = DataverseRecords.ETag(record);
        if (request.Header("If-None-Match") is { } noneMatch && DataverseWrites.Matches(noneMatch, record))
        {
            return new DataverseAnswer(StatusCodes.Status304NotModified).With("ETag", etag);
        }

        return await RecordAnswerAsync(context, table, record, StatusCodes.Status200OK, query!, request.Prefer);
    }

    /// <summary>A record as the answer to a retrieve, or to a write asked to return it.</summary>
    public static async Task<DataverseAnswer> RecordAnswerAsync(DataverseContext context, DataverseTable table, Core.Data.Entity record, int status, DataverseQuery query, DataversePrefer prefer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(prefer);
        var shaped = (await DataverseRecords.ShapeAsync(context, table, [record], query.Select, query.Expand, prefer))[0];
        var body = new JsonObject { ["@odata.context"] = $"{context.ServiceRoot}$metadata#{table.EntitySet}/$entity" };
        foreach (var (name, value) in shaped.ToList())
        {
            shaped.Remove(name);
            body[name] = value;
        }

        return Applied(new DataverseAnswer(status, body).With("ETag", DataverseRecords.ETag(record)), prefer, null);
    }

    private static DataverseAnswer Applied(DataverseAnswer answer, DataversePrefer prefer, string? pageSize)
    {
        var applied = new List<string>();
        if (pageSize is not null)
        {
            applied.Add(pageSize);
        }

        if (prefer.Annotations is { } annotations)
        {
            applied.Add($"odata.include-annotations=\"{annotations}\"");
        }

        return applied.Count == 0 ? answer : answer.With("Preference-Applied", string.Join(',', applied));
    }

    /// <summary>
    /// The caller as the platform describes it: the key is the user; Fieldlink has one organization and one business
    /// unit, both named by the id of its settings record.
    /// </summary>
    private static async Task<DataverseAnswer> WhoAmIAsync(DataverseContext context)
    {
        var organization = await context.Db.Settings.AsNoTracking().Select(s => s.Id).FirstOrDefaultAsync(context.Cancellation);
        var user = Guid.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var key) ? key : Guid.Empty;
        return new DataverseAnswer(StatusCodes.Status200OK, new JsonObject
        {
            ["@odata.context"] = $"{context.ServiceRoot}$metadata#{DataverseModel.Namespace}.WhoAmIResponse",
            ["BusinessUnitId"] = organization.ToString(),
            ["UserId"] = user.ToString(),
            ["OrganizationId"] = organization.ToString(),
        });
    }

    [GeneratedRegex(@"^(?<set>[A-Za-z_][A-Za-z0-9_]*)(?:\((?<key>[^)]*)\))?$")]
    private static partial Regex PathPattern();
}
