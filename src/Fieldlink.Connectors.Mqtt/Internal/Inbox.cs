using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// What devices publish, on its way to the store: received messages wait in a channel, are sorted into batches of at
/// most <see cref="MqttSettings.MaxBatchSize"/>, stored through the sink (again with backoff while the store fails in
/// a way that passes), and only then acknowledged to the broker, on the connection they came on. It also remembers
/// what each device last said about itself, for pulls.
/// </summary>
internal sealed class Inbox
{
    /// <summary>
    /// How long a batch under way when the instance stops may still take to be stored and acknowledged. Cut short, a
    /// batch the store had already committed stays unacknowledged and the broker sends it again after a restart — an
    /// alert without a token stored twice — so a clean stop finishes it; a store that hangs still cannot hold the stop.
    /// </summary>
    private static readonly TimeSpan FinishGrace = TimeSpan.FromSeconds(5);

    private readonly MqttSettings _settings;
    private readonly ConnectorContext _context;
    private readonly ILogger _logger;
    private readonly TopicRouter _router;
    private readonly BrokerConnection _connection;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, DeviceView> _devices = new(StringComparer.Ordinal);
    private long _receivedCount;
    private long _done;
    private long _lastReceivedTicks;

    public Inbox(MqttSettings settings, ConnectorContext context, ILogger logger, TopicRouter router, BrokerConnection connection)
    {
        _settings = settings;
        _context = context;
        _logger = logger;
        _router = router;
        _connection = connection;
        connection.Client.ApplicationMessageReceivedAsync += OnReceivedAsync;
    }

    /// <summary>The loop that stores what was received, once started; it ends when the instance stops.</summary>
    public Task Storing { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken stopping) => Storing = StoreReceivedAsync(stopping);

    /// <summary>Whether every message received so far has been stored and acknowledged (or skipped, its connection gone).</summary>
    public bool Idle => Interlocked.Read(ref _receivedCount) == Interlocked.Read(ref _done);

    /// <summary>How many messages were stored and acknowledged (or skipped).</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>When the last message arrived, by the instance's clock; <see cref="DateTimeOffset.MinValue"/> before any.</summary>
    public DateTimeOffset LastReceivedAt => new(Interlocked.Read(ref _lastReceivedTicks), TimeSpan.Zero);

    /// <summary>What the device last published about itself, as this process received it; null when nothing yet.</summary>
    public DeviceView? Device(string deviceId) => _devices.TryGetValue(deviceId, out var view) ? view : null;

    private Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        // Acknowledged by StoreReceivedAsync once stored, not when this handler returns.
        args.AutoAcknowledge = false;
        Interlocked.Increment(ref _receivedCount);
        Interlocked.Exchange(ref _lastReceivedTicks, _context.Time.GetUtcNow().UtcTicks);
        var message = args.ApplicationMessage;
        _received.Writer.TryWrite(new Received(message.Topic, message.Payload.ToArray(), message.Retain, _context.Time.GetUtcNow(), _connection.Number, args));
        return Task.CompletedTask;
    }

    private async Task StoreReceivedAsync(CancellationToken stopping)
    {
        var reader = _received.Reader;
        var messages = new List<Received>(_settings.MaxBatchSize);

        // Stopping ends the wait for the next batch at once, the batch under way only after the grace.
        using var abandon = new CancellationTokenSource();
        await using var onStop = stopping.Register(() => abandon.CancelAfter(FinishGrace));
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                messages.Clear();
                while (messages.Count < _settings.MaxBatchSize && reader.TryRead(out var message))
                {
                    messages.Add(message);
                }

                var batch = Batch.Sort(messages, _router);
                foreach (var dead in batch.DeadLetters)
                {
                    MqttLog.DeadLetter(_logger, _context.ProviderInstanceName, dead.Source, dead.Reason);
                }

                // Counted before they are stored, so a client that sees a message stored also sees it counted.
                MqttMetrics.Received(_context.ProviderInstanceName, messages.Count, batch.DeadLetters.Count);
                await StoreAsync(batch, messages.Count, abandon.Token);
                Remember(batch.State);
                await AcknowledgeAsync(messages, abandon.Token);
                Interlocked.Add(ref _done, messages.Count);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: what was not stored (or the batch the grace cut short) stays unacknowledged, and the broker sends it again.
        }
    }

    /// <summary>
    /// Stores the batch, trying again with backoff while the store fails in a way that passes (the sink's
    /// <see cref="ConnectorException.IsTransient"/>, or the dead letters refused): the messages stay unacknowledged
    /// meanwhile. What the store refuses for good is a dead letter, so the batch is done and the stream goes on.
    /// </summary>
    private async Task StoreAsync(Batch batch, int count, CancellationToken stopping)
    {
        var backoff = Backoff.For(_settings);
        while (true)
        {
            try
            {
                await batch.StoreAsync(_context.Sink, (kind, ex) => MqttLog.StageRefused(_logger, ex, _context.ProviderInstanceName, kind), stopping);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                // A failure that passes, or not even the dead letters stored: either way the store is at fault, not a
                // message (those are dead letters by now), so nothing is acknowledged until the store takes them.
                var delay = backoff.Next();
                MqttLog.StoreFailed(_logger, ex, _context.ProviderInstanceName, count, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _context.Time, stopping);
            }
        }
    }

    private async Task AcknowledgeAsync(List<Received> messages, CancellationToken stopping)
    {
        foreach (var message in messages)
        {
            if (message.Connection != _connection.Number || !_connection.Client.IsConnected)
            {
                MqttLog.AckSkipped(_logger, _context.ProviderInstanceName);
                continue;
            }

            try
            {
                await message.Delivery.AcknowledgeAsync(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                MqttLog.AckFailed(_logger, ex, _context.ProviderInstanceName);
            }
        }
    }

    private void Remember(IReadOnlyList<DeviceStateReport> reports)
    {
        var now = _context.Time.GetUtcNow();
        foreach (var report in reports)
        {
            _devices.AddOrUpdate(report.DeviceId, _ => DeviceView.Empty.With(report, now), (_, view) => view.With(report, now));
        }
    }
}
