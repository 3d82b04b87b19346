using System.Reflection;

namespace Fieldlink.Testing;

/// <summary>
/// The test running now, as <see cref="FailOnLoggedErrorsAttribute"/> marks it: flows into whatever the test starts
/// (a server it creates, a connector's loops), so what those log is the test's; and names the shared servers (class
/// fixtures) the test used, whose errors logged meanwhile are the test's too.
/// </summary>
public sealed class RunningTest
{
    private static readonly AsyncLocal<RunningTest?> CurrentTest = new();

    // Logs used where no test ran yet: in a test class's constructor (a client made from a class fixture), which xunit
    // runs in the same flow just before the test begins.
    private static readonly AsyncLocal<TestLog[]?> UsedBeforeStart = new();
    private readonly HashSet<TestLog> _used = [];
    private readonly List<LoggedError> _errors = [];
    private readonly Lock _gate = new();

    private RunningTest(string name, long start)
    {
        Name = name;
        Start = start;
    }

    /// <summary>The test running in this async flow, if any.</summary>
    public static RunningTest? Current => CurrentTest.Value;

    public string Name { get; }

    /// <summary>The sequence of the last entry any log kept before the test began.</summary>
    public long Start { get; }

    /// <summary>The sequence of the last entry kept when the test ended; null while it runs.</summary>
    public long? End { get; private set; }

    internal static RunningTest Begin(MethodInfo method)
    {
        var test = new RunningTest($"{method.DeclaringType?.Name}.{method.Name}", TestLog.LastSequence);
        foreach (var log in UsedBeforeStart.Value ?? [])
        {
            test.Uses(log);
        }

        UsedBeforeStart.Value = null;
        CurrentTest.Value = test;
        return test;
    }

    /// <summary>
    /// Counts the errors <paramref name="log"/> keeps while the running test runs as the test's; where none runs yet, as
    /// the next one's that begins in this flow.
    /// </summary>
    internal static void Using(TestLog log)
    {
        if (Current is { } test)
        {
            test.Uses(log);
        }
        else
        {
            UsedBeforeStart.Value = [.. UsedBeforeStart.Value ?? [], log];
        }
    }

    /// <summary>Counts the errors <paramref name="log"/> keeps while this test runs as the test's.</summary>
    internal void Uses(TestLog log)
    {
        lock (_gate)
        {
            _used.Add(log);
        }
    }

    /// <summary>Keeps an error logged where this test was running.</summary>
    internal void Add(LoggedError error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Ends the test and returns the errors it logged that no expectation covers.</summary>
    internal IReadOnlyList<LoggedError> Finish()
    {
        End = TestLog.LastSequence;
        CurrentTest.Value = null;
        TestLog[] used;
        LoggedError[] own;
        lock (_gate)
        {
            used = [.. _used];
            own = [.. _errors];
        }

        return [.. own.Concat(used.SelectMany(log => log.ErrorsWhile(this)))
            .Where(e => !e.Log.IsExpected(e, this))
            .DistinctBy(e => e.Sequence)
            .OrderBy(e => e.Sequence)];
    }
}
