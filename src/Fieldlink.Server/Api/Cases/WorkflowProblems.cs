using Fieldlink.Core.Cases;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Cases;

/// <summary>
/// The problem for a refused case or work order change: 404, 409 (with the id of the record in the way, e.g.
/// <c>caseId</c>, so a client can follow it) or 412.
/// </summary>
public static class WorkflowProblems
{
    public static ProblemHttpResult From(WorkflowRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Kind switch
        {
            WorkflowRefusalKind.NotFound => TypedResults.Problem(title: $"No such {refusal.Noun}", detail: refusal.Message, statusCode: StatusCodes.Status404NotFound),
            WorkflowRefusalKind.Stale => ApiProblems.PreconditionFailed(refusal.Noun),
            _ => TypedResults.Problem(
                title: "Conflict",
                detail: refusal.Message,
                statusCode: StatusCodes.Status409Conflict,
                extensions: refusal.RecordId is { } id ? new Dictionary<string, object?> { [IdField(refusal.Noun)] = id } : null),
        };
    }

    /// <summary>"work order" → <c>workOrderId</c>.</summary>
    private static string IdField(string noun)
    {
        var words = noun.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w : string.Concat(char.ToUpperInvariant(w[0]).ToString(), w.AsSpan(1)))) + "Id";
    }
}
