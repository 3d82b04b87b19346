using Fieldlink.Connectors.Http;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.Text;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Connectors;

/// <summary>
/// Checks that a push to an http provider instance's ingest endpoints was signed by its vendor, with the instance's
/// signing secret: Standard Webhooks (timestamp within five minutes), or an HMAC-SHA256 of the body in a header.
/// The body is buffered so the ingestion that follows reads it again.
/// </summary>
public static class VendorSignature
{
    /// <summary>How far a Standard Webhooks timestamp may be from now: older messages are refused as replays.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the request is signed by the instance's vendor: the problem to answer when it is not; else the verified
    /// Standard Webhooks message, to be taken once (null with the HMAC scheme, which has no id).
    /// </summary>
    public static async Task<(ProblemHttpResult? Problem, SignedMessage? Message)> VerifyAsync(
        Guid providerInstanceId, HttpRequest request, FieldlinkDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var instance = await db.ProviderInstances.AsNoTracking().Where(p => p.Id == providerInstanceId)
            .Join(db.Providers, p => p.ProviderId, p => p.Id, (i, p) => new { i.Enabled, i.Settings, p.Connector })
            .FirstOrDefaultAsync(cancellationToken);
        if (instance is null || instance.Connector != HttpConnector.ConnectorKey)
        {
            return (ApiProblems.NotFound(
                "Not found", $"There is no provider instance with id {providerInstanceId} whose provider uses the http connector."), null);
        }

        if (!instance.Enabled)
        {
            return (ApiProblems.Conflict($"Provider instance {providerInstanceId} is disabled; it takes nothing in."), null);
        }

        var errors = new Dictionary<string, string[]>();
        if (ConnectorSettingsSchema.Bind(typeof(HttpSettings), JsonNode.Parse(instance.Settings) as JsonObject ?? [], errors) is not HttpSettings settings)
        {
            return (ApiProblems.Conflict(
                $"Provider instance {providerInstanceId} has settings the http connector cannot use ({string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}); fix them first."), null);
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        request.Body.Position = 0;
        var body = buffer.ToArray();

        if (settings.SignatureScheme == HttpSignatureScheme.HmacSha256)
        {
            var header = request.Headers[settings.SignatureHeader].ToString();
            return header.Length > 0 && BodyHmacSignature.Verify(settings.SigningSecret!, body, header)
                ? (null, null)
                : (ApiProblems.Unauthorized(settings.SignatureHeader, $"The {settings.SignatureHeader} header must carry the HMAC-SHA256 of the body (hex or base64, optionally after 'sha256='), keyed with the instance's signing secret."), null);
        }

        string id = request.Headers[StandardWebhookSignature.IdHeader].ToString(), timestamp = request.Headers[StandardWebhookSignature.TimestampHeader].ToString(), signature = request.Headers[StandardWebhookSignature.SignatureHeader].ToString();
        if (id.Length == 0 || timestamp.Length == 0 || signature.Length == 0)
        {
            return (ApiProblems.Unauthorized("webhook-signature", "The request must be signed per Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature headers."), null);
        }

        if (!StandardWebhookSignature.Verify(settings.SigningSecret!, id, timestamp, Encoding.UTF8.GetString(body), signature, time.GetUtcNow(), Tolerance))
        {
            return (ApiProblems.Unauthorized("webhook-signature", $"The webhook-signature does not verify with the instance's signing secret, or webhook-timestamp is more than {Tolerance.TotalMinutes} minutes from now."), null);
        }

        if (id.Length > ReceivedMessages.MessageIdMaxLength)
        {
            return (ApiProblems.Invalid(
                "webhook-id", $"The webhook-id must be at most {ReceivedMessages.MessageIdMaxLength} characters: it is remembered to take each message once."), null);
        }

        // Verify checked the timestamp parses and lies within the tolerance.
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));
        return (null, new SignedMessage(id, sentAt + Tolerance));
    }

}
