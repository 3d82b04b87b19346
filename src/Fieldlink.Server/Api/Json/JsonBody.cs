using System.Text.Json;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// Reads a JSON body where the handler is generic over its type (the framework's binder cannot be asked for a
/// type parameter): a wrong content type is 415, bad JSON a 400 naming the field, a missing body a 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.NotJson(request.ContentType));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken);
            return value is null
                ? (null, Missing())
                : (value, null);
        }
        catch (JsonException ex) when (ex.Path is null && ex.BytePositionInLine is 0 && ex.LineNumber is 0)
        {
            return (null, Missing());
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.ValidationProblem(JsonErrors.From(ex), detail: "The request body does not fit this endpoint; errors names the field at fault."));
        }
    }

    private static ValidationProblem Missing() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON object is required."] });
}
