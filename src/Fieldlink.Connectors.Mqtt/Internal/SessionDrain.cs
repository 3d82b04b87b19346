using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// Takes over a dead process's persistent session: connects with its client id (clean start off), so the broker
/// hands over what it parked there and, while connected, the dead process's share of the shared subscriptions; stores
/// and acknowledges it all through an <see cref="Inbox"/> of its own, exactly as the instance does its own messages;
/// and once nothing has arrived for a quiet moment and everything is stored, disconnects with the session ended, so the
/// broker stops keeping a share of the stream for a process that is gone. It never subscribes: the session's own
/// subscriptions are what it drains.
/// </summary>
internal static class SessionDrain
{
    /// <summary>How long nothing must arrive before the session counts as drained.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(MqttSettings settings, ConnectorContext context, ILogger logger, TopicRouter router, string clientId, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connection = new BrokerConnection(settings, context, logger, router, clientId, sharedGroup: null, stopping.Token, reportsConnection: false);
        var inbox = new Inbox(settings, context, logger, router, connection);
        inbox.Start(stopping.Token);
        try
        {
            var connectedAt = context.Time.GetUtcNow();
            if (await connection.ResumeSessionAsync(cancellationToken))
            {
                // Drained when all that came is stored and nothing came for a moment; or when the broker took the
                // session away (the node is back under its name, and gets the rest itself).
                while (connection.Client.IsConnected)
                {
                    var last = inbox.LastReceivedAt > connectedAt ? inbox.LastReceivedAt : connectedAt;
                    if (inbox.Idle && context.Time.GetUtcNow() - last >= Quiet)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100), context.Time, cancellationToken);
                }
            }

            if (connection.Client.IsConnected || inbox.Idle)
            {
                await connection.EndSessionAsync(cancellationToken);
            }
        }
        finally
        {
            await stopping.CancelAsync();
            await inbox.Storing;
            connection.Client.Dispose();
        }

        return (int)inbox.Done;
    }
}
