using System.Data.Common;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Fieldlink.Core.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> against the stored key hashes; on the read-only OData routes
/// (GET and HEAD under <c>/api/v1</c>, ingestion aside) also <c>Basic</c> with the key as the password and any user name,
/// because Power BI and Excel send an OData feed's credentials that way. Writes need Bearer. A key's last use is
/// recorded to the minute (<see cref="ApiKeyStore.RecordUseAsync"/>), so administrators can tell a live key from one
/// nobody has used in months before revoking it. Keys are found through the <see cref="ApiKeyCache"/>, which forgets
/// them when any key changes, so a request costs no round trip of its own and a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim that carries an Endpoint key's provider instance id.</summary>
    public const string ProviderInstanceClaim = "fieldlink:providerInstance";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        string presented;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7)
        {
            presented = header[7..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && IsODataRead(Request))
        {
            if (BasicPassword(header[6..].Trim()) is not { Length: > 0 } password)
            {
                return AuthenticateResult.Fail("The Basic credentials must be base64 of 'user:<api key>' (any user name, the key as the password).");
            }

            presented = password;
        }
        else
        {
            return AuthenticateResult.Fail(IsODataRead(Request)
                ? "The Authorization header must be 'Bearer <api key>', or Basic with the key as the password."
                : "The Authorization header must be 'Bearer <api key>'.");
        }

        var key = await cache.FindActiveAsync(presented, keys, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid, or has been revoked.");
        }

        try
        {
            await cache.RecordUseAsync(presented, key, keys, Context.RequestAborted);
        }
        catch (DbException exception)
        {
            // The key is valid: a store too busy to take the time of its use must not refuse the request.
            AuthLog.ApiKeyUseNotRecorded(Logger, key.Prefix, exception);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role.ToString()),
        };
        if (key.ProviderInstanceId is { } instance)
        {
            claims.Add(new Claim(ProviderInstanceClaim, instance.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = IsODataRead(Request) ? "Bearer, Basic realm=\"Fieldlink\"" : "Bearer";
        return base.HandleChallengeAsync(properties);
    }

    /// <summary>A read of the OData service (<c>GET</c> or <c>HEAD</c> under <c>/api/v1</c>, not ingestion): Basic is accepted there.</summary>
    public static bool IsODataRead(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Path.StartsWithSegments("/api/v1", out var rest)
            && !rest.StartsWithSegments("/ingest");
    }

    /// <summary>The password of Basic credentials (<c>base64(user:password)</c>), or null when they are not well formed.</summary>
    private static string? BasicPassword(string encoded)
    {
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
