using Fieldlink.Testing;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Writes every log line of the connector to a file named by FIELDLINK_TEST_LOG, when set: for looking into a failing
/// test. <see cref="Factory"/> keeps the errors in <see cref="Errors"/> as well, which fails a test that logs one it does
/// not expect.
/// </summary>
public sealed class FileLogger : ILoggerFactory, ILogger
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("FIELDLINK_TEST_LOG");
    private static readonly Lock Gate = new();

    /// <summary>The connectors' errors; a test that provokes some says so with <see cref="TestLog.ExpectErrors"/>.</summary>
    public static TestLog Errors { get; } = new(Path is null ? null : new FileLogger());

    public static ILoggerFactory Factory => Errors;

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
