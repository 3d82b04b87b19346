using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Testing;

/// <summary>
/// A logger provider (and factory) for a test host that keeps every error and critical entry, so
/// <see cref="FailOnLoggedErrorsAttribute"/> fails the test that logged one it did not expect. An entry belongs to the
/// test running where it was logged, or, for a shared server (a class fixture), to the test that used the server
/// (<see cref="Use"/>) while it was logged. Other entries are passed on to <paramref name="inner"/>, if any. Thread-safe.
/// </summary>
public sealed class TestLog(ILoggerFactory? inner = null) : ILoggerProvider, ILoggerFactory
{
    private static long _sequence;
    private readonly ConcurrentQueue<LoggedError> _errors = new();
    private readonly ConcurrentQueue<Expectation> _expectations = new();

    internal static long LastSequence => Interlocked.Read(ref _sequence);

    private volatile bool _stopping;

    /// <summary>
    /// Says the host began to stop: EF Core's errors from then on (a worker's query or transaction the stop canceled)
    /// are the stop's, not a test's.
    /// </summary>
    public void HostStopping() => _stopping = true;

    /// <summary>Every error kept so far.</summary>
    public IReadOnlyList<LoggedError> Errors => [.. _errors];

    /// <summary>
    /// Says the running test provokes errors on purpose: those logged here from now until the end of the test (or,
    /// outside a test, until disposed) whose event id (number or name) or category (a part of it) is
    /// <paramref name="categoryOrEventId"/> do not fail it.
    /// </summary>
    public IDisposable ExpectErrors(string categoryOrEventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(categoryOrEventId);
        var expectation = new Expectation(categoryOrEventId, LastSequence, RunningTest.Current);
        _expectations.Enqueue(expectation);
        return expectation;
    }

    /// <summary>Says the running test uses this (shared) log's host: what it logs meanwhile is the test's.</summary>
    public void Use() => RunningTest.Using(this);

    public ILogger CreateLogger(string categoryName)
    {
        return new Logger(this, categoryName, inner?.CreateLogger(categoryName));
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    /// <summary>The errors kept while <paramref name="test"/> ran.</summary>
    internal IEnumerable<LoggedError> ErrorsWhile(RunningTest test) => _errors.Where(e => e.Sequence > test.Start && e.Sequence <= test.End);

    /// <summary>Whether the test, or one before it still holding, said it expects the error.</summary>
    internal bool IsExpected(LoggedError error, RunningTest test) =>
        (error.WhileStopping && error.Category.StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal))
        || _expectations.Any(x => error.Sequence > x.From && (x.Until is not { } until || error.Sequence <= until || x.Test == test) && error.Matches(x.What));

    private sealed class Expectation(string what, long from, RunningTest? test) : IDisposable
    {
        public string What { get; } = what;

        public long From { get; } = from;

        public RunningTest? Test { get; } = test;

        public long? Until { get; private set; }

        // Within a test the expectation holds to the test's end: a worker may log what the test provoked after the
        // test stopped waiting for it.
        public void Dispose() => Until ??= Test?.End ?? LastSequence;
    }

    private sealed class Logger(TestLog log, string category, ILogger? inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner?.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error || inner?.IsEnabled(logLevel) == true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (logLevel is LogLevel.Error or LogLevel.Critical)
            {
                var sequence = Interlocked.Increment(ref _sequence);
                var test = RunningTest.Current;
                var error = new LoggedError(sequence, log, test, category, eventId, logLevel, formatter(state, exception), exception) { WhileStopping = log._stopping };
                log._errors.Enqueue(error);
                test?.Add(error);
            }

            inner?.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
