using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>Writes every log line of the connector to a file named by FIELDLINK_TEST_LOG, when set: for looking into a failing test.</summary>
public sealed class FileLogger : ILoggerFactory, ILogger
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("FIELDLINK_TEST_LOG");
    private static readonly Lock Gate = new();

    public static ILoggerFactory Factory { get; } = Path is null
        ? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance
        : new FileLogger();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Gate)
        {
            File.AppendAllText(Path!, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception?.Message}\n");
        }
    }

    public void Dispose()
    {
    }
}
