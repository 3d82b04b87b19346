using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Microsoft.Net.Http.Headers;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// Create, update (with the platform's upsert: a PATCH to an id that does not exist creates it, unless
/// <c>If-Match</c> says the record must exist) and delete, with the caller's role checked and <c>If-Match</c> /
/// <c>If-None-Match</c> applied to the record's version.
/// </summary>
public static class DataverseWrites
{
    public static async Task<DataverseAnswer> CreateAsync(DataverseContext context, DataverseTable table, DataverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(request);
        if (Refused(context, table, table.Creators, "Create") is { } refused)
        {
            return refused;
        }

        return await CreateAsync(context, table, null, request);
    }

    public static async Task<DataverseAnswer> UpsertAsync(DataverseContext context, DataverseTable table, Guid id, DataverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(request);
        if (table.Updaters.Count == 0 && table.Creators.Count == 0)
        {
            return DataverseAnswer.NotSupported($"Writing {table.EntitySet} records is not supported.");
        }

        if (!table.MayRead(context) && !context.IsIn([.. table.Updaters, .. table.Creators]))
        {
            return Denied(context, "Write", table);
        }

        var record = await table.FindAsync(context, id, tracked: true);
        var ifMatch = request.Header("If-Match");
        var ifNoneMatch = request.Header("If-None-Match");
        if (record is null)
        {
            if (ifMatch is not null)
            {
                return DataverseAnswer.NotFound(table.LogicalName, id);
            }

            return Refused(context, table, table.Creators, "Create") ?? await CreateAsync(context, table, id, request);
        }

        if (ifNoneMatch is not null && (ifNoneMatch.Trim() == "*" || Matches(ifNoneMatch, record)))
        {
            return DataverseAnswer.Error(StatusCodes.Status412PreconditionFailed, DataverseErrors.DuplicateRecord, "A record with matching key values already exists.");
        }

        if (Refused(context, table, table.Updaters, "Write") is { } refused)
        {
            return refused;
        }

        if (Stale(context, record, ifMatch) is { } stale)
        {
            return stale;
        }

        if (Fields(table, request) is var (fields, invalid) && invalid is not null)
        {
            return invalid;
        }

        var expected = ifMatch is null || ifMatch.Trim() == "*" ? (long?)null : record.Version;
        var written = await table.UpdateAsync(context with { ExpectedVersion = expected }, record, fields!);
        return written.Error ?? await Written(context, table, written.Record!, request, StatusCodes.Status200OK);
    }

    public static async Task<DataverseAnswer> DeleteAsync(DataverseContext context, DataverseTable table, Guid id, DataverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(request);
        if (Refused(context, table, table.Deleters, "Delete") is { } refused)
        {
            return refused;
        }

        if (await table.FindAsync(context, id, tracked: true) is not { } record)
        {
            return DataverseAnswer.NotFound(table.LogicalName, id);
        }

        if (Stale(context, record, request.Header("If-Match")) is { } stale)
        {
            return stale;
        }

        return await table.DeleteAsync(context, record) ?? new DataverseAnswer(StatusCodes.Status204NoContent);
    }

    /// <summary>Whether an <c>If-Match</c> / <c>If-None-Match</c> value names the record's current version (weak or strong).</summary>
    public static bool Matches(string header, Entity record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!EntityTagHeaderValue.TryParseList(header.Split(','), out var tags))
        {
            return false;
        }

        var current = $"\"{record.Version}\"";
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(current, StringComparison.Ordinal));
    }

    /// <summary>The platform's 403 for a privilege the caller's role lacks.</summary>
    public static DataverseAnswer Denied(DataverseContext context, string privilege, DataverseTable table)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(table);
        var user = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var role = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        return DataverseAnswer.Forbidden($"Principal user (Id={user}, type=8) is missing prv{privilege}{table.LogicalName} privilege: a {role} key may not {privilege.ToLowerInvariant()} {table.EntitySet}.");
    }

    private static DataverseAnswer? Refused(DataverseContext context, DataverseTable table, IReadOnlyList<ApiKeyRole> allowed, string privilege)
    {
        if (allowed.Count == 0)
        {
            return DataverseAnswer.NotSupported($"{privilege} of {table.EntitySet} records is not supported by Fieldlink's Web API; see docs/dataverse.md.");
        }

        return context.IsIn([.. allowed]) ? null : Denied(context, privilege, table);
    }

    /// <summary>
    /// A 412 when <c>If-Match</c> names another version; otherwise the write is made conditional on the version it
    /// named, so a concurrent change in between fails too (<c>*</c> only says the record must exist).
    /// </summary>
    private static DataverseAnswer? Stale(DataverseContext context, Entity record, string? ifMatch)
    {
        if (ifMatch is null || ifMatch.Trim() == "*")
        {
            return null;
        }

        if (!Matches(ifMatch, record))
        {
            return DataverseAnswer.Error(StatusCodes.Status412PreconditionFailed, DataverseErrors.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.");
        }

        context.Db.Entry(record).Property(e => e.Version).OriginalValue = record.Version;
        return null;
    }

    private static (JsonObject? Fields, DataverseAnswer? Error) Fields(DataverseTable table, DataverseRequest request) =>
        request.Body is JsonObject body
            ? DataverseBody.ToFields(table, body)
            : (null, DataverseAnswer.Invalid("The body must be a JSON object of the record's columns."));

    private static async Task<DataverseAnswer> CreateAsync(DataverseContext context, DataverseTable table, Guid? id, DataverseRequest request)
    {
        if (Fields(table, request) is var (fields, invalid) && invalid is not null)
        {
            return invalid;
        }

        var written = await table.CreateAsync(context, id, fields!);
        return written.Error ?? await Written(context, table, written.Record!, request, StatusCodes.Status201Created);
    }

    /// <summary>204 with <c>OData-EntityId</c>, or the record with <c>Prefer: return=representation</c>.</summary>
    private static async Task<DataverseAnswer> Written(DataverseContext context, DataverseTable table, Entity record, DataverseRequest request, int representationStatus)
    {
        var url = context.RecordUrl(table.EntitySet, record.Id);
        var prefer = request.Prefer;
        if (!prefer.ReturnRepresentation)
        {
            return new DataverseAnswer(StatusCodes.Status204NoContent).With("OData-EntityId", url).With("ETag", DataverseRecords.ETag(record));
        }

        var (query, invalid) = DataverseQuery.Parse(table, request.Query);
        if (invalid is not null)
        {
            return invalid;
        }

        var answer = await DataverseOperations.RecordAnswerAsync(context, table, record, representationStatus, query!, prefer);
        return answer.With("OData-EntityId", url).With("Preference-Applied", "return=representation");
    }
}
