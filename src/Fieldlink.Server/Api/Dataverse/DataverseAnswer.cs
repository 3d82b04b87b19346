using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// What one Web API operation answers: a status, headers and a JSON body. The same answer is written to the HTTP
/// response of a single request and into the part of a <c>$batch</c> answer, so both behave alike.
/// </summary>
public sealed class DataverseAnswer : IResult
{
    public DataverseAnswer(int status, JsonNode? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }

    public JsonNode? Body { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the answer is an error (a change set fails on the first).</summary>
    public bool IsError => Status >= 400;

    public static DataverseAnswer Error(int status, string code, string message) => new(status, DataverseErrors.Body(code, message));

    public static DataverseAnswer NotFound(string entitySet, Guid id) =>
        Error(StatusCodes.Status404NotFound, DataverseErrors.ObjectDoesNotExist, $"{entitySet} With Id = {id} Does Not Exist");

    public static DataverseAnswer Invalid(string message) => Error(StatusCodes.Status400BadRequest, DataverseErrors.InvalidArgument, message);

    public static DataverseAnswer Forbidden(string message) => Error(StatusCodes.Status403Forbidden, DataverseErrors.AccessDenied, message);

    public static DataverseAnswer NotSupported(string message) => Error(StatusCodes.Status501NotImplemented, DataverseErrors.NotSupported, message);

    /// <summary>Writes the answer as the HTTP response, with the OData version the Web API speaks.</summary>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.Headers["OData-Version"] = "4.0";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (Body is not null)
        {
            response.ContentType = "application/json; odata.metadata=minimal";
            await response.WriteAsync(Body.ToJsonString(Json.ApiJson.Options), httpContext.RequestAborted);
        }
    }

    public DataverseAnswer With(string header, string value)
    {
        Headers[header] = value;
        return this;
    }
}
