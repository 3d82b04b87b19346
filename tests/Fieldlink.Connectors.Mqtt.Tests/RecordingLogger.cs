using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>Keeps the event id of every message logged, for a test that checks an event was (or was not) logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<int> _events = new();

    public IReadOnlyCollection<int> EventIds => _events;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _events.Enqueue(eventId.Id);
}
