using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Commands;

// One command handed over to its connector, after the same device's earlier ones.
public sealed partial class CommandDispatcher
{
    /// <summary>A device's hand-over is started once its hand-overs of earlier rounds are done, so its commands go in order; null when the process stopped first.</summary>
    private static async Task<(Command, Outcome<CommandAcceptance>)?> HandOverAfterAsync(
        Task previous, ActionRouter router, Command command, ActionTarget target, CommandMessageNames.Names names, CommandSignal done, CancellationToken cancellationToken)
    {
        await Quietly(previous);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return (command, await HandOverAsync(router, command, target, names, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The process stops: what was handed over is still recorded, the rest released.
            return null;
        }
        finally
        {
            // The device is free: its commands that waited in the hand-off go in the next round.
            done.Notify();
        }
    }

    /// <summary>Whether the device's hand-overs of earlier rounds are still under way.</summary>
    private bool Busy(Guid deviceId) => _deviceTails.TryGetValue(deviceId, out var tail) && !tail.IsCompleted;

    private void ForgetFinishedDevices()
    {
        foreach (var (device, tail) in _deviceTails)
        {
            if (tail.IsCompleted)
            {
                _deviceTails.Remove(device);
            }
        }
    }

    private static Task<Outcome<CommandAcceptance>> HandOverAsync(ActionRouter router, Command command, ActionTarget target, CommandMessageNames.Names names, CancellationToken cancellationToken)
    {
        var parameters = JsonNode.Parse(command.Parameters) as JsonObject ?? [];
        var message = new DeviceCommand(command.Id, target.Device.ToRef(), command.Name, parameters, command.ExpiresAt)
        {
            Message = new JsonObject { [names.Name] = command.Name, [names.Parameters] = parameters.DeepClone() },
        };
        return router.RunAsync<ISendCommands, CommandAcceptance>(
            ConnectorAction.SendCommand, target, (connector, ct) => connector.SendCommandAsync(message, ct), cancellationToken);
    }
}
