using Fieldlink.Core.Outcomes;
using Fieldlink.Server.Api.Actions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Problems;

/// <summary>
/// The one place a Core <see cref="Refusal"/> becomes the API's answer: the problem details of each kind (404 naming the
/// missing record, 400, 409 with the id of the record in the way so a client can follow it, 412, 501, 502, 504), and
/// the <c>errorKind</c> a batch result names.
/// </summary>
public static class RefusalProblems
{
    /// <summary>The problem for <paramref name="refusal"/>, with <paramref name="extensions"/> (e.g. the id of the history record a failed action wrote).</summary>
    public static ProblemHttpResult From(Refusal refusal, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var noun = refusal.Noun ?? "record";
        return refusal.Kind switch
        {
            RefusalKind.NotFound => Problem(StatusCodes.Status404NotFound, $"No such {noun}", refusal.Message, extensions),
            RefusalKind.Stale => ApiProblems.PreconditionFailed(noun),
            RefusalKind.Conflict => Problem(
                StatusCodes.Status409Conflict,
                "Conflict",
                refusal.Message,
                refusal.RecordId is { } id ? new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { [IdField(noun)] = id } : extensions),
            RefusalKind.Invalid => Problem(StatusCodes.Status400BadRequest, "Invalid action input", refusal.Message, extensions),
            RefusalKind.InstanceDisabled => Problem(StatusCodes.Status409Conflict, "Provider instance disabled", refusal.Message, extensions),
            RefusalKind.NotSupported => Problem(StatusCodes.Status501NotImplemented, "Action not supported", refusal.Message, extensions),
            RefusalKind.TimedOut => Problem(StatusCodes.Status504GatewayTimeout, "The provider's system did not answer", refusal.Message, extensions),
            _ => Problem(StatusCodes.Status502BadGateway, "The provider's system failed", refusal.Message, extensions),
        };
    }

    /// <summary>How a batch result names the kind of <paramref name="refusal"/> (a missing device is <c>DeviceNotFound</c>).</summary>
    public static ActionErrorKind BatchErrorKind(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Kind switch
        {
            RefusalKind.NotFound => ActionErrorKind.DeviceNotFound,
            RefusalKind.Invalid => ActionErrorKind.Invalid,
            RefusalKind.InstanceDisabled => ActionErrorKind.InstanceDisabled,
            RefusalKind.NotSupported => ActionErrorKind.NotSupported,
            RefusalKind.TimedOut => ActionErrorKind.TimedOut,
            _ => ActionErrorKind.Failed,
        };
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: extensions);

    /// <summary>"work order" → <c>workOrderId</c>.</summary>
    private static string IdField(string noun)
    {
        var words = noun.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w : string.Concat(char.ToUpperInvariant(w[0]).ToString(), w.AsSpan(1)))) + "Id";
    }
}
