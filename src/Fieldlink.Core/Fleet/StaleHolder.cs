using System.Diagnostics;

namespace Fieldlink.Core.Fleet;

/// <summary>
/// Tells, from what the holder's row says of its process, whether a process claiming its node name may take it at once
/// instead of waiting <see cref="FleetOptions.DeadAfter"/> for the holder's heartbeat to go stale: the common restart
/// after a crash (systemd, a container's restart policy, a one-process SQLite install) is then back in seconds. Only
/// the holder's own host can see its process: a row of another host always waits, as does one whose process id runs a
/// process (the holder alive, or its id reused by another process — nothing cheap tells which).
/// </summary>
public static class StaleHolder
{
    /// <summary>
    /// Judges <paramref name="holder"/> from the claiming process's <paramref name="host"/> and
    /// <paramref name="processId"/>; <paramref name="processRuns"/> says whether a process id of this host runs a process.
    /// </summary>
    public static StaleHolderRule Judge(FleetNode holder, string host, int processId, Func<int, bool> processRuns)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(processRuns);
        if (!string.Equals(holder.Host, ThisHost(host), StringComparison.OrdinalIgnoreCase))
        {
            return StaleHolderRule.None;
        }

        if (holder.ProcessId == processId)
        {
            return StaleHolderRule.OwnProcessId;
        }

        return processRuns(holder.ProcessId) ? StaleHolderRule.None : StaleHolderRule.ProcessGone;
    }

    /// <summary>The host name as a row stores it (cut to <see cref="FleetNode.HostMaxLength"/>).</summary>
    public static string ThisHost(string machineName)
    {
        ArgumentNullException.ThrowIfNull(machineName);
        return machineName.Length <= FleetNode.HostMaxLength ? machineName : machineName[..FleetNode.HostMaxLength];
    }

    /// <summary>
    /// Whether <paramref name="processId"/> runs a process on this machine. On Linux a zombie (killed, not yet reaped by
    /// its parent) counts as gone: it runs nothing and holds no socket.
    /// </summary>
    public static bool ProcessRuns(int processId)
    {
        if (processId <= 0)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && !IsZombie(processId);
        }
        catch (ArgumentException)
        {
            // No such process.
            return false;
        }
        catch (InvalidOperationException)
        {
            // It exited while we looked.
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // It runs, but under an account this process may not inspect: alive as far as we can tell.
            return true;
        }
    }

    private static bool IsZombie(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // /proc/<pid>/stat: "pid (comm) state ...", the command in parentheses may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] == 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
