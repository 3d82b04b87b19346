using System.Text.RegularExpressions;

namespace Fieldlink.Server.Api.OData;

/// <summary>
/// The OData conventions of <c>/api/v1</c> that come before routing: a key in parentheses (<c>devices(&lt;id&gt;)</c>, as
/// OData clients write it) is the same request as the key as a segment (<c>devices/&lt;id&gt;</c>), and every answer says
/// <c>OData-Version: 4.0</c>. Ingestion is no OData route and is left alone.
/// </summary>
public static partial class ODataRequests
{
    /// <summary>Adds the conventions to the pipeline; routing must come after it, so the rewritten path is the one routed.</summary>
    public static IApplicationBuilder UseODataConventions(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api/v1", out var rest) && !rest.StartsWithSegments("/ingest"))
        {
            if (KeyInParentheses().Match(rest.Value ?? string.Empty) is { Success: true } key)
            {
                context.Request.Path = new PathString($"/api/v1/{key.Groups["set"].Value}/{key.Groups["id"].Value}{key.Groups["rest"].Value}");
            }

            context.Response.OnStarting(() =>
            {
                context.Response.Headers["OData-Version"] = "4.0";
                return Task.CompletedTask;
            });
        }

        return next(context);
    });

    [GeneratedRegex(@"^/(?<set>[A-Za-z]+)\((?:id=)?'?(?<id>[0-9A-Fa-f-]{36})'?\)(?<rest>/.*)?$")]
    private static partial Regex KeyInParentheses();
}
