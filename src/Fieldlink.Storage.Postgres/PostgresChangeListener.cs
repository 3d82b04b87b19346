using Fieldlink.Core.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fieldlink.Storage.Postgres;

/// <summary>
/// Hears the changes every process commits on the database (<see cref="PostgresChangeNotices"/>) and hands them to
/// this process's pages through <see cref="LiveChanges.Received"/>, which skips this process's own. One dedicated
/// connection (outside the pool, named <see cref="ApplicationName"/>) that <c>LISTEN</c>s and waits; when it breaks,
/// it connects again after a pause that doubles from <see cref="FirstRetryDelay"/> up to <see cref="MaxRetryDelay"/>,
/// and tells the pages that anything may have changed meanwhile (<see cref="LiveChanges.Resume"/>).
/// </summary>
/// <param name="connectionString">The database, or null when the store is not PostgreSQL (then it does nothing).</param>
/// <param name="live">Where what is heard goes.</param>
/// <param name="time">The clock of the pauses.</param>
/// <param name="logger">Logs each start of listening and each failure.</param>
public sealed class PostgresChangeListener(string? connectionString, LiveChanges live, TimeProvider time, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    /// <summary>The application name of the listening connection, as <c>pg_stat_activity</c> shows it.</summary>
    public const string ApplicationName = "fieldlink-live";

    /// <summary>The first pause after a failure (500 ms).</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause between attempts (30 s).</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private int _connections;

    /// <summary>How many times the listener has started listening (1 after the first connection; more after recoveries).</summary>
    public int Connections => Volatile.Read(ref _connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (connectionString is null)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            KeepAlive = 30,
        };
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connectedBefore = Connections;
            try
            {
                await ListenAsync(builder.ConnectionString, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the connection, the listener connects again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // A connection that listened for a while starts the pauses over; one that keeps failing waits longer each time.
                delay = Connections > connectedBefore ? FirstRetryDelay : delay;
                PostgresLog.ListenerLost(logger, delay, ex);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += (_, e) => live.Received(e.Payload);
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeNotices.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        PostgresLog.Listening(logger, PostgresChangeNotices.Channel);
        if (Interlocked.Increment(ref _connections) > 1)
        {
            live.Resume();
        }

        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }
}
