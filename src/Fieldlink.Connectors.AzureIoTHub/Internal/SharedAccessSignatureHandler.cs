namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>
/// Puts a SAS token for the hub on every request, made anew once the one in hand has less than
/// <see cref="RenewBefore"/> left, so no request leaves with a token that may expire on the way or during its retries.
/// It sits inside the resilience handler: every attempt is signed afresh. Thread-safe.
/// </summary>
internal sealed class SharedAccessSignatureHandler(IoTHubCredentials credentials, TimeProvider time) : DelegatingHandler
{
    /// <summary>How long a token is made for: the documentation's example lifetime, short enough that a leaked one soon dies.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>How much life a token must have left to be used again.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    /// <summary>The token to send now: the one in hand, or a new one when it is near its expiry.</summary>
    public string CurrentToken()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_current is not { } current || current.ExpiresAt - now < RenewBefore)
            {
                var expiresAt = now + Lifetime;
                current = (SharedAccessSignature.Create(credentials.HostName, credentials.KeyName, credentials.Key, expiresAt), expiresAt);
                _current = current;
            }

            return current.Token;
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // IoT Hub takes the token as the whole Authorization value, without a scheme the header parser knows.
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", CurrentToken());
        return base.SendAsync(request, cancellationToken);
    }
}
