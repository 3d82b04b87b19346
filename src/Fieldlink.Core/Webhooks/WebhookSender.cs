using System.Diagnostics;
using System.Net;
using System.Text;
using Fieldlink.Core.Outbound;
using Fieldlink.Sdk;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// Makes one attempt of a delivery: POSTs the payload with the Standard Webhooks headers, within
/// <see cref="WebhookOptions.Timeout"/>, and reads at most <see cref="WebhookOptions.MaxResponseBytes"/> of the answer.
/// </summary>
public sealed class WebhookSender(OutboundHttp http, IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>What an attempt came to: the endpoint's status (null when none came), latency, error, the start of its answer, its <c>Retry-After</c>.</summary>
    public sealed record Outcome(int? StatusCode, long LatencyMs, string? Error, string? Response, TimeSpan? RetryAfter)
    {
        public bool Succeeded => StatusCode is >= 200 and < 300;
    }

    /// <summary>POSTs <paramref name="payload"/> to <paramref name="url"/>, signed with each of the secrets (the current one, and the previous one during a rotation's overlap).</summary>
    public async Task<Outcome> SendAsync(Uri url, Guid messageId, string payload, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var id = MessageIdOf(messageId);
        var timestamp = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        StandardWebhookSignature.SignRequest(request, id, timestamp, payload, secrets);
        request.Headers.UserAgent.ParseAdd("Fieldlink-Webhooks/1");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadStartAsync(response, options.Value.MaxResponseBytes, timeout.Token);
            var status = (int)response.StatusCode;
            var error = status is >= 200 and < 300 ? null : $"The endpoint answered {status} {response.ReasonPhrase}.";
            return new Outcome(status, Elapsed(started), error, body, RetryAfterOf(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, Elapsed(started), $"The endpoint did not answer within {options.Value.Timeout.TotalSeconds:0.###} s.", null, null);
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(null, Elapsed(started), ex.Message, null, null);
        }
    }

    /// <summary>The <c>webhook-id</c> of an event.</summary>
    public static string MessageIdOf(Guid messageId) => $"msg_{messageId:N}";

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        if (limit == 0)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        // The rest is never read: disposing the response drops the connection instead of draining it.
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>Whether the endpoint said it is gone for good.</summary>
    public static bool IsGone(Outcome outcome) => outcome?.StatusCode == (int)HttpStatusCode.Gone;
}
