namespace Fieldlink.Sdk;

/// <summary>
/// The send-command action. Sending only hands the command over; its delivery and outcome come later, through
/// <see cref="IConnectorSink.ReportCommandStatusAsync"/>.
/// </summary>
public interface ISendCommands
{
    /// <summary>Hands a command to the provider's system.</summary>
    /// <param name="command">The command; its <see cref="DeviceCommand.CommandId"/> is stable across retries.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>Whether the system took the command (it is then Sent) or refused it (it is then Failed with the reason).</returns>
    Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken);
}
