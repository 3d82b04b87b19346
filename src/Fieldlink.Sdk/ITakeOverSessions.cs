namespace Fieldlink.Sdk;

/// <summary>
/// For a connector whose provider keeps a session per Fieldlink process (an MQTT broker's persistent sessions): when
/// another process of the fleet has died, Fieldlink asks each open instance of a surviving process to take over that
/// process's session, so what the provider kept for it is stored now rather than when (or if) it comes back, and to
/// end the session, so the provider stops keeping messages for a process that is gone.
/// </summary>
public interface ITakeOverSessions
{
    /// <summary>Takes over the session of the dead process <paramref name="deadNode"/>, stores what it holds, and ends it.</summary>
    /// <param name="deadNode">The dead process's node name, as this process's own would be used in its session's name.</param>
    /// <param name="cancellationToken">Cancelled when this process stops or the takeover takes too long.</param>
    /// <returns>How many messages the session held that were stored.</returns>
    Task<int> TakeOverSessionAsync(string deadNode, CancellationToken cancellationToken);
}
