using Fieldlink.Core.Validation;

namespace Fieldlink.Server.Api.Problems;

/// <summary>
/// Holds every query parameter of an API request, name and value, to <see cref="StorableValues.TextProblem"/> before
/// the handler runs, so a NUL in <c>measures</c> or inside a $filter literal is a 400 naming the parameter, never a
/// database's refusal. (Bodies are checked as they are read: see <see cref="Json.ApiJson"/>.)
/// </summary>
public static class QueryTextFilter
{
    public static TBuilder CheckQueryText<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var errors = Check(context.HttpContext.Request.Query);
            return errors.IsEmpty ? await next(context) : TypedResults.ValidationProblem(errors.ToDictionary());
        });

    public static FieldErrors Check(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        foreach (var (name, values) in query)
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
