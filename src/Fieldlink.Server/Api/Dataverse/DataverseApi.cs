using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Dataverse.Actions;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// <c>/api/data/v9.2</c>: the Dataverse Web API of the reference's IoT tables, so an integration written for it runs
/// against Fieldlink with only its base URL and token changed. Every route authenticates the same bearer API keys
/// as /api/v1 and answers errors in the Web API's shape; each table's operations are in <see cref="DataverseOperations"/>.
/// </summary>
public static class DataverseApi
{
    public const string Root = "/api/data/v9.2";

    public static void MapDataverseApi(this IEndpointRouteBuilder app)
    {
        var dataverse = app.MapGroup(Root).WithTags("dataverse").ExcludeFromDescription().AddEndpointFilter(AuthenticateAsync);
        // As Delegates, not RequestDelegates, so the group's authentication filter runs for them too.
        dataverse.MapGet("/", (Func<HttpContext, Task<IResult>>)ServiceDocumentAsync);
        dataverse.MapGet("/$metadata", Metadata);
        dataverse.MapPost("/$batch", (Func<HttpContext, Task<IResult>>)DataverseBatch.RunAsync);
        // The IoT actions (POST /<action name>): literal routes, so they come before the tables' catch-all.
        dataverse.MapDataverseActions();
        dataverse.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Delete], RunAsync);
    }

    /// <summary>The service root of a request, as an absolute URL ending in <c>/</c>.</summary>
    public static Uri ServiceRoot(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{Root}/");
    }

    public static DataverseContext Context(HttpContext http) =>
        new(http.RequestServices.GetRequiredService<FieldlinkDbContext>(), http.User, http.RequestServices, ServiceRoot(http.Request), http.RequestAborted);

    private static async Task<IResult> RunAsync(HttpContext http, string? path)
    {
        JsonNode? body = null;
        if (http.Request.ContentLength is not 0 && (HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPatch(http.Request.Method)))
        {
            try
            {
                body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            }
            catch (JsonException ex)
            {
                return DataverseAnswer.Invalid($"The body is not valid JSON: {ex.Message}");
            }
        }

        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return await DataverseOperations.RunAsync(Context(http), new DataverseRequest(http.Request.Method, path ?? string.Empty, query, headers, body));
    }

    private static async Task<IResult> ServiceDocumentAsync(HttpContext http)
    {
        var model = DataverseModel.Instance;
        var message = new ODataStreamMessage(http.Response.Body);
        var settings = new ODataMessageWriterSettings { EnableMessageStreamDisposal = false, BaseUri = ServiceRoot(http.Request), ODataUri = new ODataUri { ServiceRoot = ServiceRoot(http.Request) } };
        http.Response.Headers["OData-Version"] = "4.0";
        http.Response.ContentType = "application/json; odata.metadata=minimal";
        await using var writer = new ODataMessageWriter((IODataResponseMessageAsync)message, settings, model);
        await writer.WriteServiceDocumentAsync(model.GenerateServiceDocument());
        return Results.Empty;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Metadata()
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
        {
            if (!CsdlWriter.TryWriteCsdl(DataverseModel.Instance, xml, CsdlTarget.OData, out var errors))
            {
                throw new InvalidOperationException($"The Web API's model does not write as CSDL: {string.Join("; ", errors)}");
            }
        }

        return TypedResults.Text(text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/xml", Encoding.UTF8);
    }

    /// <summary>
    /// The key's scheme authenticates every route here (the site's default scheme is the people's cookie), and a
    /// failure answers in the Web API's error shape, which the reference's clients parse.
    /// </summary>
    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        if (!result.Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return DataverseAnswer.Error(StatusCodes.Status401Unauthorized, DataverseErrors.AccessDenied,
                result.Failure?.Message ?? "Send the API key as 'Authorization: Bearer <api key>'.");
        }

        http.User = result.Principal;
        if (!Enum.GetNames<ApiKeyRole>().Any(http.User.IsInRole))
        {
            return DataverseAnswer.Forbidden("The API key has no role.");
        }

        var errors = RequestTextFilter.Check(http.Request);
        return errors.IsEmpty ? await next(context) : DataverseAnswer.Invalid(string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
    }
}
