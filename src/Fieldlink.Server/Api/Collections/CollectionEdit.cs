using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// What a create, update or delete of a registry record came to, without HTTP: the saved record, or the field errors
/// of its validation, or the problem the store answered (a conflict, a stale version). The API turns it into its
/// answer; the web app's administration pages show the errors on their fields and the problem's detail above the form.
/// </summary>
public sealed record CollectionEdit<TEntity>(TEntity? Entity, IReadOnlyDictionary<string, string[]>? Errors, ProblemHttpResult? Problem)
    where TEntity : class
{
    public bool Succeeded => Entity is not null && Errors is null && Problem is null;

    /// <summary>One sentence for a person: the problem's detail, or the first field error, or null when it succeeded.</summary>
    public string? Message =>
        Problem?.ProblemDetails.Detail
        ?? Errors?.SelectMany(e => e.Value).FirstOrDefault();
}
