using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>
/// The few calls of IoT Hub's service REST API the connector makes (Microsoft's service SDK is not used: only this
/// much is needed), on <see cref="HttpClient"/> through Fieldlink's guarded handler, each attempt signed afresh
/// (<see cref="SharedAccessSignatureHandler"/>), behind a retry pipeline: 429 and 503 are retried honouring
/// <c>Retry-After</c>, and for the calls that may be repeated safely (reads, twin patches, identity puts) 500, 502 and
/// network failures too. A direct method is not repeated after it may have reached the device. Thread-safe.
/// </summary>
internal sealed class IoTHubServiceClient : IDisposable
{
    /// <summary>The api-version of the REST API's reference for devices, twins and direct methods.</summary>
    public const string ApiVersion = "2021-04-12";

    /// <summary>How long one call may take, direct methods apart, retries included.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _client;

    public IoTHubServiceClient(IoTHubCredentials credentials, Uri serviceUrl, Func<HttpMessageHandler> handlerFactory, TimeProvider time, int maxRetries = 4)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
            })
            .Build();
        var signing = new SharedAccessSignatureHandler(credentials, time) { InnerHandler = handlerFactory() };
        _client = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = signing })
        {
            BaseAddress = serviceUrl,
            // Each call sets its own deadline: a direct method may rightly take minutes.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Task<HubAnswer> GetDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"devices/{Escape(deviceId)}", null, null, CallTimeout, cancellationToken);

    /// <summary>Creates the identity (no <paramref name="ifMatch"/>: the hub answers 409 when it exists) or replaces it (with its ETag, or <c>*</c>).</summary>
    public Task<HubAnswer> PutDeviceAsync(string deviceId, JsonObject identity, string? ifMatch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"devices/{Escape(deviceId)}", identity, ifMatch, CallTimeout, cancellationToken);

    public Task<HubAnswer> GetTwinAsync(string deviceId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"twins/{Escape(deviceId)}", null, null, CallTimeout, cancellationToken);

    /// <summary>Merges <paramref name="desired"/> into the twin's desired properties.</summary>
    public Task<HubAnswer> PatchDesiredAsync(string deviceId, JsonObject desired, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"twins/{Escape(deviceId)}", new JsonObject { ["properties"] = new JsonObject { ["desired"] = desired } }, "*", CallTimeout, cancellationToken);

    /// <summary>Invokes a direct method; the hub answers once the device did, or 404 (offline) / 504 (no answer in time).</summary>
    public Task<HubAnswer> InvokeMethodAsync(string deviceId, string methodName, JsonNode? payload, int responseTimeoutSeconds, int connectTimeoutSeconds, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["methodName"] = methodName,
            ["responseTimeoutInSeconds"] = responseTimeoutSeconds,
            ["connectTimeoutInSeconds"] = connectTimeoutSeconds,
            ["payload"] = payload?.DeepClone(),
        };
        var deadline = TimeSpan.FromSeconds(responseTimeoutSeconds + connectTimeoutSeconds) + CallTimeout;
        return SendAsync(HttpMethod.Post, $"twins/{Escape(deviceId)}/methods", body, null, deadline, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Whether an attempt's outcome is worth another: throttling and a busy hub always; the rest only where a repeat is harmless.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        var status = outcome.Result is { } response ? (int)response.StatusCode : (int?)null;
        if (status is 429 or 503)
        {
            return true;
        }

        // A direct method that failed in flight may have run on the device; Fieldlink's own retry of the command decides.
        if (request?.Method == HttpMethod.Post)
        {
            return false;
        }

        return status is 500 or 502 || outcome.Exception is HttpRequestException;
    }

    private async Task<HubAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, string? ifMatch, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"{path}?api-version={ApiVersion}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            var answer = await HubAnswer.ReadAsync(response, timeout.Token);
            if (answer.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new ConnectorException(
                    $"The hub refused Fieldlink's token ({answer.Describe()}): check the shared access policy's key and that it has registry read, registry write and service connect.", isTransient: false);
            }

            if (answer.Status is HttpStatusCode.TooManyRequests || ((int)answer.Status >= 500 && answer.Status != HttpStatusCode.GatewayTimeout))
            {
                throw new ConnectorException($"The hub answered {answer.Describe()} after retries.", isTransient: true);
            }

            return answer;
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException($"The hub could not be reached: {ex.Message}", isTransient: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException($"The hub did not answer within {deadline.TotalSeconds:0} s.", isTransient: true, ex);
        }
    }

    private static string Escape(string deviceId) => Uri.EscapeDataString(deviceId);
}
