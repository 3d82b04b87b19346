using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Outcomes;
using Fieldlink.Server.Api.Json;

namespace Fieldlink.Server.Api.Dataverse.Actions;

/// <summary>
/// How an action answers, as the Web API answers one: 200 with the action's <c>…Response</c> complex type (its output
/// parameters, the documented JSON held in strings) and <c>@odata.context</c>, or the Web API's error for a Core refusal.
/// </summary>
internal static class ActionAnswers
{
    /// <summary>The header the Web API sends with every answer.</summary>
    public const string ODataVersionHeader = "OData-Version";

    /// <summary>The reference's option-set values start here (Unknown, In Progress, Anomaly...).</summary>
    public const int OptionSetBase = 192350000;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = ApiJson.Options.Encoder };

    /// <summary>200 with the outputs of <paramref name="action"/>, typed as its <c>Microsoft.Dynamics.CRM.&lt;action&gt;Response</c>.</summary>
    public static IResult Ok(HttpContext http, string action, JsonObject outputs)
    {
        var request = http.Request;
        var answer = new JsonObject
        {
            ["@odata.context"] = $"{request.Scheme}://{request.Host}{request.PathBase}{DataverseBase(request.Path)}/$metadata#{DataverseActionNames.Namespace}.{action}Response",
        };
        foreach (var (name, value) in outputs.ToList())
        {
            outputs.Remove(name);
            answer[name] = value;
        }

        http.Response.Headers[ODataVersionHeader] = "4.0";
        return TypedResults.Json(answer, ApiJson.Options);
    }

    /// <summary>The Web API's error for <paramref name="refusal"/>, with the status /api/v1 gives the same refusal.</summary>
    public static IResult Refused(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.NotFound => DataverseErrors.Result(StatusCodes.Status404NotFound, DataverseErrors.ObjectDoesNotExist, refusal.Message),
        RefusalKind.Invalid => DataverseErrors.Result(StatusCodes.Status400BadRequest, DataverseErrors.InvalidArgument, refusal.Message),
        RefusalKind.NotSupported => DataverseErrors.Result(StatusCodes.Status501NotImplemented, DataverseErrors.NotSupported, refusal.Message),
        RefusalKind.TimedOut => DataverseErrors.Result(StatusCodes.Status504GatewayTimeout, DataverseErrors.ProviderFailed, refusal.Message),
        // A disabled instance, as /api/v1 answers it: the provider's side refuses, which the Web API reports as a provider error.
        RefusalKind.InstanceDisabled or RefusalKind.Conflict => DataverseErrors.Result(StatusCodes.Status409Conflict, DataverseErrors.ProviderFailed, refusal.Message),
        _ => DataverseErrors.Result(StatusCodes.Status502BadGateway, DataverseErrors.ProviderFailed, refusal.Message),
    };

    /// <summary>404 for a device id no device has.</summary>
    public static IResult UnknownDevice(Guid id) =>
        DataverseErrors.Result(StatusCodes.Status404NotFound, DataverseErrors.ObjectDoesNotExist, $"msdyn_iotdevice With Id = {id} Does Not Exist");

    /// <summary>403 for a key whose role may not run <paramref name="action"/>.</summary>
    public static IResult Forbidden(string action) =>
        DataverseErrors.Result(StatusCodes.Status403Forbidden, DataverseErrors.AccessDenied, $"{action} acts on devices: it needs a Dispatcher or Administrator key.");

    /// <summary>JSON as the reference's string outputs hold it: compact, not HTML-escaped.</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(Compact);

    /// <summary>A time as the reference writes one, ISO 8601 in UTC: <c>2019-08-07T19:14:53Z</c>, with a fraction only when there is one.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An option-set value as the reference's JSON outputs carry it: <c>{"Value": 192350003}</c>.</summary>
    public static JsonObject OptionSet(int offset) => new() { ["Value"] = OptionSetBase + offset };

    /// <summary><c>/api/data/v9.2/msdyn_X</c> → <c>/api/data/v9.2</c>: the service root the action was called under.</summary>
    private static string DataverseBase(PathString path)
    {
        var value = path.Value ?? string.Empty;
        var slash = value.LastIndexOf('/');
        return slash > 0 ? value[..slash] : value;
    }
}
