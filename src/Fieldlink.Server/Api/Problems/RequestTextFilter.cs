using Fieldlink.Core.Validation;

namespace Fieldlink.Server.Api.Problems;

/// <summary>
/// Holds every query parameter (name and value) of an API request to <see cref="StorableValues.TextProblem"/> before
/// the handler runs, so a NUL in <c>measures</c> or inside a $filter literal is a 400 naming the parameter, never a
/// database's refusal. Bodies are checked as they are read (see <see cref="Json.ApiJson"/>); a NUL in the path or a
/// header never gets this far, Kestrel refuses the request.
/// </summary>
public static class RequestTextFilter
{
    public static TBuilder CheckRequestText<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var errors = Check(context.HttpContext.Request);
            return errors.IsEmpty ? await next(context) : TypedResults.ValidationProblem(errors.ToDictionary());
        });

    public static FieldErrors Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        foreach (var (name, values) in request.Query)
        {
            var field = StorableValues.TextProblem(name) is null ? name : "query";
            foreach (var text in values.Prepend(name))
            {
                if (StorableValues.TextProblem(text) is { } problem)
                {
                    errors.Add(field, $"The query parameter {problem}");
                    break;
                }
            }
        }

        return errors;
    }
}
