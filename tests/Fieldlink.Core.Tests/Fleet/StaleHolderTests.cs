using System.Diagnostics;
using Fieldlink.Core.Fleet;

namespace Fieldlink.Core.Tests.Fleet;

/// <summary>When a process restarting under its node name may take it at once from the row its predecessor left.</summary>
public sealed class StaleHolderTests
{
    private const string Host = "fl-host-1";

    [Fact]
    public void Judge_takes_a_row_of_this_host_under_this_process_s_own_id_as_gone_as_a_container_restarted_as_process_1()
    {
        Assert.Equal(StaleHolderRule.OwnProcessId, StaleHolder.Judge(Holder(Host, 1), Host, 1, _ => true));
    }

    [Fact]
    public void Judge_takes_a_row_of_this_host_whose_process_id_runs_nothing_as_gone()
    {
        Assert.Equal(StaleHolderRule.ProcessGone, StaleHolder.Judge(Holder(Host, 4121), Host, 5000, pid => pid != 4121));
    }

    [Fact]
    public void Judge_waits_for_a_row_of_this_host_whose_process_id_runs_a_process_alive_or_reused()
    {
        Assert.Equal(StaleHolderRule.None, StaleHolder.Judge(Holder(Host, 4121), Host, 5000, pid => pid == 4121));
    }

    [Fact]
    public void Judge_waits_for_a_row_of_another_host_whatever_its_process_id()
    {
        Assert.Equal(StaleHolderRule.None, StaleHolder.Judge(Holder("fl-host-2", 1), Host, 1, _ => false));
        Assert.Equal(StaleHolderRule.None, StaleHolder.Judge(Holder("fl-host-2", 4121), Host, 5000, _ => false));
    }

    [Fact]
    public void Judge_compares_host_names_as_the_row_stores_them_cut_and_in_any_case()
    {
        var longHost = new string('h', FleetNode.HostMaxLength + 20);
        Assert.Equal(StaleHolderRule.OwnProcessId, StaleHolder.Judge(Holder(StaleHolder.ThisHost(longHost), 7), longHost, 7, _ => true));
        Assert.Equal(StaleHolderRule.OwnProcessId, StaleHolder.Judge(Holder("FL-HOST-1", 7), Host, 7, _ => true));
    }

    [Fact]
    public void ProcessRuns_sees_this_process_and_not_one_that_exited()
    {
        Assert.True(StaleHolder.ProcessRuns(Environment.ProcessId));

        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        var pid = exited.Id;
        exited.WaitForExit();
        Assert.False(StaleHolder.ProcessRuns(pid));
        Assert.False(StaleHolder.ProcessRuns(0));
    }

    private static FleetNode Holder(string host, int processId) => new()
    {
        Name = "fl-1",
        Incarnation = Guid.NewGuid(),
        Host = host,
        ProcessId = processId,
        StartedAt = DateTimeOffset.UnixEpoch,
        HeartbeatAt = DateTimeOffset.UnixEpoch,
    };
}
