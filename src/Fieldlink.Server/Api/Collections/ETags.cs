using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Fieldlink.Server.Api.Collections;

/// <summary>Strong ETags made from a record's version; <c>If-Match</c> checks against them.</summary>
public static class ETags
{
    public static string Of(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return $"\"{entity.Version}\"";
    }

    public static void Set(HttpResponse response, Entity entity)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = Of(entity);
    }

    /// <summary>
    /// Applies <c>If-Match</c> to a tracked record about to be written: a 412 problem when it names another version;
    /// otherwise null, and the write is made conditional on that version, so a concurrent write in between also fails.
    /// </summary>
    public static ProblemHttpResult? CheckIfMatch<T>(HttpRequest request, FieldlinkDbContext db, T entity, string noun)
        where T : Entity
    {
        ArgumentNullException.ThrowIfNull(db);
        if (CheckIfMatch(request, entity, noun, out var expected) is { } stale)
        {
            return stale;
        }

        if (expected is { } version)
        {
            db.Entry(entity).Property(e => e.Version).OriginalValue = version;
        }

        return null;
    }

    /// <summary>
    /// Applies <c>If-Match</c> to a record read without tracking (a snapshot a lifecycle then writes): a 412 problem
    /// when it names another version; otherwise null, with the version it named for the write to be conditional on.
    /// </summary>
    public static ProblemHttpResult? CheckIfMatch(HttpRequest request, Entity entity, string noun, out long? expected)
    {
        ArgumentNullException.ThrowIfNull(entity);
        expected = ExpectedVersion(request, entity);
        return expected is { } version && version != entity.Version ? ApiProblems.PreconditionFailed(noun) : null;
    }

    /// <summary>
    /// The version an <c>If-Match</c> header names, or null when there is no header or it is <c>*</c>;
    /// -1 when it names no version of this record (a stale or foreign tag), which can never match.
    /// </summary>
    private static long? ExpectedVersion(HttpRequest request, Entity entity)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entity);
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return -1;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        var current = Of(entity);
        return tags.Any(t => !t.IsWeak && t.Tag.Equals(current, StringComparison.Ordinal)) ? entity.Version : -1;
    }
}
