using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

public sealed class DeviceActionReportTests
{
    private static DeviceActionLine Line(bool succeeded, string? detail = null) => new(Guid.NewGuid(), "Pump", succeeded, detail);

    [Fact]
    public void All_done_says_how_many()
    {
        Assert.Equal("Registered 2 devices.", new DeviceActionReport(DeviceAction.Register, [Line(true), Line(true)]).Summary);
        Assert.Equal("Pulled data of 1 device.", new DeviceActionReport(DeviceAction.Pull, [Line(true)]).Summary);
    }

    [Fact]
    public void Some_failed_says_how_many_of_how_many_and_lists_the_failures()
    {
        var failed = Line(false, "The vendor's cloud answered 503.");
        var report = new DeviceActionReport(DeviceAction.Pull, [Line(true), failed, Line(true)]);

        Assert.Equal("Pulled data of 2 of 3 devices; 1 failed.", report.Summary);
        Assert.True(report.HasFailures);
        Assert.Equal([failed], report.Failures);
    }

    [Fact]
    public void All_failed_or_refused_says_so()
    {
        Assert.Equal("Registering 2 devices failed.", new DeviceActionReport(DeviceAction.Register, [Line(false), Line(false)]).Summary);
        var refused = new DeviceActionReport(DeviceAction.Register, [], "Only a Dispatcher may.");
        Assert.Equal("Only a Dispatcher may.", refused.Summary);
        Assert.True(refused.HasFailures);
    }
}
