namespace Fieldlink.Core.Fleet;

/// <summary>Why a process restarting under its node name may take the name at once from the row a crash left behind.</summary>
public enum StaleHolderRule
{
    /// <summary>Nothing proves the holder gone: wait until its heartbeat is <see cref="FleetOptions.DeadAfter"/> old.</summary>
    None,

    /// <summary>
    /// The holder ran on this host under this process's own process id: most likely this process's predecessor (a
    /// container restarted runs as process 1 under the same host name again). Since two containers wrongly given one host
    /// name are both process 1 too, the name is taken once the holder's heartbeat has not moved for two heartbeat
    /// intervals (seconds, not <see cref="FleetOptions.DeadAfter"/>), and refused if it moves.
    /// </summary>
    OwnProcessId,

    /// <summary>The holder ran on this host and its process id runs no process any more: it died.</summary>
    ProcessGone,
}
