using MQTTnet;
using MQTTnet.Adapter;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The words a failed or lost connection is reported with: the broker's refusal (its reason code)
/// or the socket's error, with the broker's address, e.g. "Connection refused (127.0.0.1:1884)".
/// </summary>
internal static class ConnectionError
{
    /// <summary>Why a connection attempt failed.</summary>
    public static string Of(Exception exception, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Chain(exception).OfType<MqttConnectingFailedException>().FirstOrDefault() is { } refused)
        {
            // MQTTnet's message names the broker's reason code: "Connecting with MQTT server failed (NotAuthorized)."
            return $"{refused.Message} ({host}:{port})";
        }

        // The innermost message is the socket's own ("Connection refused"); the outer ones are MQTTnet's wrapping.
        var innermost = Chain(exception).Last();
        var words = innermost is System.Net.Sockets.SocketException or IOException or TimeoutException || innermost == exception
            ? innermost.Message
            : $"{exception.Message}: {innermost.Message}";
        return $"{words} ({host}:{port})";
    }

    /// <summary>Why an established connection was lost.</summary>
    public static string OfLoss(MqttClientDisconnectedEventArgs args, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!string.IsNullOrWhiteSpace(args.ReasonString))
        {
            return $"The broker closed the connection: {args.Reason} ({args.ReasonString}) ({host}:{port})";
        }

        return args.Exception is { } exception
            ? $"Lost the connection: {Chain(exception).Last().Message} ({host}:{port})"
            : $"Lost the connection: {args.Reason} ({host}:{port})";
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
