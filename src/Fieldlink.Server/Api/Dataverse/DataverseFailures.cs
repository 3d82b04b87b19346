using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// The /api/v1 refusals (field errors, problems) in the Web API's error shape, with each Fieldlink field named by the
/// column or lookup a Web API client wrote.
/// </summary>
public static class DataverseFailures
{
    public static DataverseAnswer FromFields(DataverseTable table, IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(errors);
        var message = string.Join(" ", errors.Select(e => $"{table.ColumnOf(e.Key.TrimStart('$', '.'))}: {string.Join(" ", e.Value)}"));
        return DataverseAnswer.Invalid(message);
    }

    public static DataverseAnswer FromFields(DataverseTable table, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return FromFields(table, errors.ToDictionary());
    }

    public static DataverseAnswer FromProblem(DataverseTable table, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            return FromFields(table, validation.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        var status = problem.Status ?? StatusCodes.Status400BadRequest;
        var code = status switch
        {
            StatusCodes.Status404NotFound => DataverseErrors.ObjectDoesNotExist,
            StatusCodes.Status409Conflict => DataverseErrors.DuplicateRecord,
            StatusCodes.Status412PreconditionFailed => DataverseErrors.ConcurrencyVersionMismatch,
            StatusCodes.Status403Forbidden => DataverseErrors.AccessDenied,
            StatusCodes.Status501NotImplemented => DataverseErrors.NotSupported,
            >= 500 => DataverseErrors.ProviderFailed,
            _ => DataverseErrors.InvalidArgument,
        };
        return DataverseAnswer.Error(status, code, problem.Detail ?? problem.Title ?? "The request failed.");
    }

    public static DataverseAnswer FromProblem(DataverseTable table, ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return FromProblem(table, problem.ProblemDetails);
    }
}
