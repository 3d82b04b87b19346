using System.Reflection;
using Xunit.Sdk;

namespace Fieldlink.Testing;

/// <summary>
/// Fails a test in which an error (or critical) entry was logged that the test did not expect
/// (<see cref="TestLog.ExpectErrors"/>), as MQTTnet's tests do: an error nobody asserted on is a bug, or a test that
/// provokes it without saying so. Applied to a whole test assembly: <c>[assembly: FailOnLoggedErrors]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class FailOnLoggedErrorsAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => RunningTest.Begin(methodUnderTest);

    public override void After(MethodInfo methodUnderTest)
    {
        if (RunningTest.Current is not { } test)
        {
            return;
        }

        var errors = test.Finish();
        if (errors.Count > 0)
        {
            throw new LoggedErrorsException(
                $"The test logged {errors.Count} error(s) it did not expect (use TestLog.ExpectErrors if it provokes them):{Environment.NewLine}"
                + string.Join(Environment.NewLine, errors.Take(10)));
        }
    }
}
