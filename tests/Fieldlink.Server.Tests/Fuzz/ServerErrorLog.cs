using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// Keeps what the server logged at Error or above (with the exception's type and message), so a failure can say what
/// the server said about the request that failed.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(long Sequence, string Text)> _entries = new();
    private long _sequence;

    /// <summary>A mark to read the entries logged after it.</summary>
    public long Mark => Interlocked.Read(ref _sequence);

    /// <summary>The entries logged after <paramref name="mark"/>, the exception's first line each.</summary>
    public IReadOnlyList<string> Since(long mark) => [.. _entries.Where(e => e.Sequence > mark).Select(e => e.Text)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string text)
    {
        _entries.Enqueue((Interlocked.Increment(ref _sequence), text));
        while (_entries.Count > 500 && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var cause = exception is null ? string.Empty : $" — {Innermost(exception)}";
            log.Add($"[{logLevel}] {category}: {FirstLine(message)}{cause}");
        }

        private static string Innermost(Exception exception)
        {
            var inner = exception;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            return inner == exception
                ? $"{exception.GetType().Name}: {FirstLine(exception.Message)}"
                : $"{exception.GetType().Name} ← {inner.GetType().Name}: {FirstLine(inner.Message)}";
        }

        private static string FirstLine(string text)
        {
            var line = text.Split('\n')[0].Trim();
            return line.Length > 300 ? line[..300] + "…" : line;
        }
    }
}
