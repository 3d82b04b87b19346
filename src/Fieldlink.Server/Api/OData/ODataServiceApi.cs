using System.Text;
using System.Text.Json;
using System.Xml;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace Fieldlink.Server.Api.OData;

/// <summary>
/// What makes <c>/api/v1</c> an OData v4 service beside the collections themselves: the service document,
/// <c>$metadata</c> (CSDL XML, or CSDL JSON when asked), and <c>/{collection}/$count</c>.
/// </summary>
public static class ODataServiceApi
{
    private static readonly Lazy<byte[]> CsdlXml = new(() => Csdl(json: false));

    private static readonly Lazy<byte[]> CsdlJson = new(() => Csdl(json: true));

    /// <summary>Collections only an Administrator reads; their counts are too.</summary>
    private static readonly HashSet<string> AdministratorsOnly = ["apiKeys", "webhooks"];

    public static void MapODataServiceApi(this IEndpointRouteBuilder api)
    {
        var odata = api.MapGroup("").WithTags("odata");
        odata.MapGet("/", ServiceDocument)
            .Produces<ODataServiceDocument>()
            .WithSummary("The OData service document: every collection and its URL (where Power BI's and Excel's OData feed start).");
        odata.MapGet("/$metadata", Metadata)
            .Produces<string>(StatusCodes.Status200OK, "application/xml", "application/json")
            .WithSummary("The OData CSDL of every collection as the API answers it: CSDL XML, or CSDL JSON with $format=application/json or Accept: application/json.");
        // From the collections' names, not the OData model, which is built at the first request that needs it.
        foreach (var name in ODataModel.CollectionNames)
        {
            var count = odata.MapGet($"/{name}/$count", (HttpContext http, FieldlinkDbContext db, CancellationToken ct) => CountAsync(name, http, db, ct))
                .Produces<string>(StatusCodes.Status200OK, "text/plain")
                .ProducesValidationProblem()
                .WithTags(name)
                .WithSummary($"How many {name} match $filter, as a plain number.");
            if (AdministratorsOnly.Contains(name))
            {
                count.RequireAuthorization(AuthPolicies.Administer);
            }
        }
    }

    private static Ok<ODataServiceDocument> ServiceDocument(HttpContext http) =>
        TypedResults.Ok(new ODataServiceDocument(
            $"{ODataAnswer.ServiceRoot(http.Request)}$metadata",
            [.. ODataModel.EntitySets.Select(s => new ODataServiceEntry(s.Name, "EntitySet", s.Name))]));

    private static FileContentHttpResult Metadata(HttpContext http)
    {
        var json = WantsJson(http.Request);
        return TypedResults.File(json ? CsdlJson.Value : CsdlXml.Value, json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8");
    }

    /// <summary>
    /// JSON when <c>$format</c> asks for it, or <c>Accept</c> names JSON and no XML: Power BI's Accept lists JSON and XML,
    /// and it reads CSDL XML only.
    /// </summary>
    private static bool WantsJson(HttpRequest request)
    {
        if (request.Query["$format"].LastOrDefault() is { } format)
        {
            return format.StartsWith("json", StringComparison.OrdinalIgnoreCase) || format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("xml", StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Csdl(bool json)
    {
        using var stream = new MemoryStream();
        IEnumerable<EdmError> errors;
        if (json)
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            CsdlWriter.TryWriteCsdl(ODataModel.Instance, writer, out errors);
        }
        else
        {
            using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
            CsdlWriter.TryWriteCsdl(ODataModel.Instance, writer, CsdlTarget.OData, out errors);
        }

        return errors.Any() ? throw new InvalidOperationException($"The OData model is not valid CSDL: {string.Join("; ", errors)}") : stream.ToArray();
    }

    /// <summary>Counts the collection's stored records of the type the model names for it.</summary>
    private static Task<IResult> CountAsync(string collection, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        (Task<IResult>)typeof(ODataServiceApi).GetMethod(nameof(CountOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(ODataModel.ClrTypeOf(collection))
            .Invoke(null, [collection, http, db, ct])!;

    private static async Task<IResult> CountOfAsync<TEntity>(string collection, HttpContext http, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
    {
        var errors = new FieldErrors();
        foreach (var option in http.Request.Query.Keys.Where(k => k.StartsWith('$') && !k.Equals("$filter", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(option, $"/{collection}/$count takes $filter only.");
        }

        var query = CollectionQuery.Parse<TEntity>(http.Request, collection, [], errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        try
        {
            var count = await query.Filter(db.Set<TEntity>().AsNoTracking()).LongCountAsync(ct);
            return TypedResults.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), "text/plain");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            errors.Add("$filter", CollectionList.Untranslatable);
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
    }
}
