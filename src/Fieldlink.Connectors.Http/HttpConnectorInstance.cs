using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.Http.Internal;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Http;

/// <summary>
/// One vendor cloud. Inbound, it needs no code here: the vendor POSTs to Fieldlink's ingest endpoints for this
/// provider instance, verified with <see cref="HttpConnectorSettings.SigningSecret"/>. Outbound, a command is POSTed,
/// signed, to the command URL; a 2xx takes it, and a body with a <c>status</c> is its outcome at once; 4xx refuses
/// it; 5xx, 408, 429 or no answer is a transient failure, tried again with the same command id.
/// </summary>
public sealed class HttpConnectorInstance : IConnectorInstance, ISendCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpConnectorSettings _settings;
    private readonly ConnectorContext _context;
    private readonly HttpClient _client;

    public HttpConnectorInstance(HttpConnectorSettings settings, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings;
        _context = context;
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(settings.CommandTimeoutSeconds),
        };
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
        HttpSigning.Sign(request, _settings, $"cmd_{command.CommandId:N}", _context.Time.GetUtcNow(), body);

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
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests)
            {
                throw new ConnectorException($"The vendor answered {status} to the command.", isTransient: true);
            }

            if (status is < 200 or >= 300)
            {
                return CommandAcceptance.Refused($"The vendor answered {status}: {Shorten(text)}");
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

    private static string Shorten(string text) => text.Length > 500 ? text[..500] : text;
}
