using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Http;

/// <summary>
/// One vendor cloud. Inbound, it needs no code here: the vendor POSTs to Fieldlink's ingest endpoints for this
/// provider instance, verified with <see cref="HttpSettings.SigningSecret"/>. Outbound, a command is POSTed,
/// signed and with the command id as <c>Idempotency-Key</c>, to the command URL, through Fieldlink's outbound guard
/// (<see cref="ConnectorContext.HttpHandlerFactory"/>); a 2xx takes it, and a body with a <c>status</c> is its outcome
/// at once; 4xx refuses it (the vendor's body apart, as the refusal's detail); 5xx, 408, 429 or no answer is a
/// transient failure, tried again with the same command id.
/// </summary>
public sealed class HttpInstance : IConnectorInstance, ISendCommands
{
    /// <summary>The header that carries the command id on every command POST, for the vendor to drop a repeat.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>How much of the vendor's answer is read: an outcome fits in it, and a refusal keeps at most this much.</summary>
    private const int MaxAnswerChars = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpSettings _settings;
    private readonly ConnectorContext _context;
    private readonly HttpClient _client;

    public HttpInstance(HttpSettings settings, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings;
        _context = context;
        // Fieldlink's guarded handler: the command URL cannot reach inside its network unless the host is allowed.
        _client = new HttpClient(context.HttpHandlerFactory())
        {
            Timeout = TimeSpan.FromSeconds(settings.CommandTimeoutSeconds),
        };
    }

    /// <summary>
    /// Reports Connected, which for this connector means open and ready: Fieldlink takes the vendor's signed POSTs for
    /// the instance and sends its commands. It keeps no connection to watch, so a vendor that stops posting does not
    /// change it, and a command URL that does not answer shows on that command (a transient failure), not here.
    /// </summary>
    /// <param name="cancellationToken">Not used: starting waits for nothing.</param>
    /// <returns>A completed task.</returns>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _context.Sink.ReportConnection(InstanceConnectionState.Connected);
        return Task.CompletedTask;
    }

    public async Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var url = _settings.CommandUrl is { Length: > 0 } configured ? new Uri(configured) : _context.Url
            ?? throw new ConnectorException("The provider instance has neither a commandUrl setting nor a url to POST commands to.", isTransient: false);
        var body = new JsonObject
        {
            ["commandId"] = command.CommandId,
            ["deviceId"] = command.Device.DeviceId,
            ["name"] = command.Name,
            ["parameters"] = command.Parameters.DeepClone(),
            ["message"] = command.Message.DeepClone(),
            ["expiresAt"] = command.ExpiresAt,
        }.ToJsonString(Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        Sign(request, $"cmd_{command.CommandId:N}", _context.Time.GetUtcNow(), body);

        // The same on every attempt: commands are sent at least once (a crash between the POST and recording it sends
        // it again), and this is how the vendor tells a repeat from a new command.
        request.Headers.Add(IdempotencyKeyHeader, command.CommandId.ToString());

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException($"The vendor's command URL could not be reached: {ex.Message}", isTransient: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException($"The vendor did not answer the command within {_settings.CommandTimeoutSeconds} s.", isTransient: true, ex);
        }

        using (response)
        {
            var text = await ReadStartAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests)
            {
                throw new ConnectorException($"The vendor answered {status} to the command.", isTransient: true);
            }

            if (status is < 200 or >= 300)
            {
                // The vendor's body may echo what it should not (tokens, internal hosts): it goes apart, bounded,
                // shown only to those who may see the instance's settings; the reason says only the status.
                return CommandAcceptance.Refused(
                    $"The vendor refused the command: it answered {status}.",
                    string.IsNullOrWhiteSpace(text) ? null : text);
            }

            if (Outcome(command.CommandId, text) is { } outcome)
            {
                await _context.Sink.ReportCommandStatusAsync(outcome, cancellationToken);
            }

            return CommandAcceptance.Taken;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Signs the POST as the vendor's verifier expects: Standard Webhooks headers, or one header with the body's HMAC.</summary>
    private void Sign(HttpRequestMessage request, string id, DateTimeOffset now, string body)
    {
        if (_settings.SignatureScheme == HttpSignatureScheme.HmacSha256)
        {
            request.Headers.Add(_settings.SignatureHeader, BodyHmacSignature.Sign(_settings.SigningSecret!, body));
            return;
        }

        StandardWebhookSignature.SignRequest(request, id, now, body, _settings.SigningSecret!);
    }

    /// <summary>The outcome in an answer <c>{"status", "response"?, "error"?}</c>, or null when it carries none.</summary>
    private static CommandStatusReport? Outcome(Guid commandId, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        if (answer is not JsonObject fields || fields["status"] is not JsonValue statusValue || !statusValue.TryGetValue<string>(out var statusText)
            || !Enum.TryParse<CommandStatus>(statusText, ignoreCase: true, out var status) || status is not (CommandStatus.Delivered or CommandStatus.Succeeded or CommandStatus.Failed))
        {
            return null;
        }

        return new CommandStatusReport(commandId, status, fields["response"]?.DeepClone(), fields["error"]?.GetValue<string>());
    }

    /// <summary>The start of the answer, at most <see cref="MaxAnswerChars"/> characters; the rest is never read.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // Pooled: a fresh buffer this size would be a large-object allocation for every command sent.
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(MaxAnswerChars + 1);
        try
        {
            var read = 0;
            while (read <= MaxAnswerChars && await reader.ReadAsync(buffer.AsMemory(read, MaxAnswerChars + 1 - read), cancellationToken) is var n and > 0)
            {
                read += n;
            }

            return new string(buffer, 0, Math.Min(read, MaxAnswerChars));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
