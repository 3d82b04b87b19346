using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Fieldlink.Server.Api.OData;

/// <summary>What makes an answer of <c>/api/v1</c> an OData answer: its context URL, and the page size a client prefers.</summary>
public static partial class ODataAnswer
{
    /// <summary>The base of the OData service, e.g. <c>http://localhost:5000/api/v1/</c>.</summary>
    public static string ServiceRoot(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/api/v1/";
    }

    /// <summary>
    /// The <c>@odata.context</c> of an answer from <paramref name="collection"/>: <c>$metadata#devices</c>, with the
    /// selected and expanded fields (<c>$metadata#devices(name,providerInstance(name))</c>), and <c>/$entity</c> for one record.
    /// A collection under another (a device's registrations) is named by its type.
    /// </summary>
    public static string Context(HttpRequest request, string collection, SelectExpandClause? selectExpand, IReadOnlyList<string>? select, bool oneRecord = false)
    {
        var set = ODataModel.Instance.EntityContainer.FindEntitySet(collection);
        var fragment = set is not null ? collection : $"Collection({ODataModel.TypeOf(collection).FullName()})";
        var list = selectExpand is not null ? ODataExpansion.ContextSelectList(selectExpand) : select is null ? null : string.Join(',', select);
        if (list is not null)
        {
            fragment += $"({list})";
        }

        if (oneRecord)
        {
            fragment = set is not null ? $"{fragment}/$entity" : $"{ODataModel.TypeOf(collection).FullName()}";
        }

        return $"{ServiceRoot(request)}$metadata#{fragment}";
    }

    /// <summary>
    /// The page size: <paramref name="max"/>, or less when the client prefers (<c>Prefer: odata.maxpagesize=N</c>), which
    /// is then said in <c>Preference-Applied</c>.
    /// </summary>
    public static int PageSize(HttpContext http, int max)
    {
        ArgumentNullException.ThrowIfNull(http);
        foreach (var prefer in http.Request.Headers["Prefer"])
        {
            if (prefer is not null && MaxPageSize().Match(prefer) is { Success: true } match
                && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var preferred) && preferred > 0)
            {
                var size = Math.Min(preferred, max);
                http.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={size}";
                return size;
            }
        }

        return max;
    }

    [GeneratedRegex(@"(?:^|[,;\s])(?:odata\.)?maxpagesize\s*=\s*""?(\d{1,9})""?", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPageSize();
}
