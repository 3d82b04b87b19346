using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>What the hub answered a request: its status, its JSON body if any, and its error code when it refused.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body as JSON, or null when empty or not JSON.</param>
/// <param name="ErrorCode">
/// The hub's error code (e.g. <c>DeviceNotOnline</c> or <c>404103</c>), from its <c>iothub-errorcode</c> header or the
/// body's <c>errorCode</c>; null when it gave none.
/// </param>
/// <param name="ETag">The answer's ETag, for a later <c>If-Match</c>.</param>
internal sealed record HubAnswer(HttpStatusCode Status, JsonNode? Body, string? ErrorCode, string? ETag)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The hub's words for a refusal, short: its message or error code; never the body itself, which may echo keys.</summary>
    public string Describe()
    {
        var message = Body is JsonObject fields ? (fields["message"] ?? fields["Message"]) as JsonValue : null;
        var text = message is not null && message.TryGetValue<string>(out var value) ? value : null;
        var describe = $"{(int)Status}{(ErrorCode is null ? string.Empty : " " + ErrorCode)}{(text is null ? string.Empty : ": " + text)}";
        return describe.Length <= 300 ? describe : describe[..300];
    }

    public static async Task<HubAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        var errorCode = response.Headers.TryGetValues("iothub-errorcode", out var codes) ? codes.FirstOrDefault() : null;
        if (errorCode is null && body is JsonObject fields && fields["errorCode"] is JsonValue code)
        {
            errorCode = code.ToString();
        }

        return new HubAnswer(response.StatusCode, body, errorCode, response.Headers.ETag?.Tag);
    }
}
