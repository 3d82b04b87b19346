using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.AzureIoTHub.Internal;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>
/// The instance's commands: a direct method, whose answer is the outcome, or a desired-property patch, Succeeded once
/// the device reports the values back (checked every <see cref="AzureIoTHubSettings.ReportedBackCheckSeconds"/>).
/// </summary>
public sealed partial class AzureIoTHubInstance
{
    /// <summary>The desired-property commands waiting for the device to report their values back.</summary>
    internal int WatchedCommands => _watch.Count;

    /// <summary>Checks the desired-property commands now; the background loop calls it every <see cref="AzureIoTHubSettings.ReportedBackCheckSeconds"/>.</summary>
    internal Task CheckReportedBackNowAsync(CancellationToken cancellationToken) => _watch.CheckAsync(cancellationToken);

    private async Task<CommandAcceptance> InvokeMethodAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        var deviceId = command.Device.DeviceId;
        var answer = await _client.InvokeMethodAsync(
            deviceId, command.Name, command.Parameters, _settings.MethodResponseTimeoutSeconds, _settings.MethodConnectTimeoutSeconds, cancellationToken);
        if (answer.IsSuccess)
        {
            var status = answer.Body?["status"] is JsonValue value && value.TryGetValue<int>(out var s) ? s : (int?)null;
            var payload = answer.Body?["payload"]?.DeepClone();
            AzureIoTHubLog.MethodAnswered(_logger, _context.ProviderInstanceName, deviceId, command.Name, status ?? 0);
            var outcome = status is >= 200 and < 300
                ? new CommandStatusReport(command.CommandId, CommandStatus.Succeeded, payload)
                : new CommandStatusReport(command.CommandId, CommandStatus.Failed, payload, $"The device answered the direct method with status {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.");
            await _context.Sink.ReportCommandStatusAsync(outcome, cancellationToken);
            return CommandAcceptance.Taken;
        }

        if (IsDeviceOffline(answer) || answer.Status == HttpStatusCode.GatewayTimeout)
        {
            // The hub took the method and the device did not answer in time (or was not connected): its outcome is known.
            var reason = answer.Status == HttpStatusCode.GatewayTimeout
                ? $"The device did not answer the direct method within {_settings.MethodResponseTimeoutSeconds} s ({answer.Describe()})."
                : $"The device was not connected to the hub{(_settings.MethodConnectTimeoutSeconds > 0 ? $" within {_settings.MethodConnectTimeoutSeconds} s" : string.Empty)} ({answer.Describe()}).";
            AzureIoTHubLog.MethodTimedOut(_logger, _context.ProviderInstanceName, deviceId, command.Name, reason);
            await _context.Sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.TimedOut, Error: reason), cancellationToken);
            return CommandAcceptance.Taken;
        }

        return CommandAcceptance.Refused($"The hub refused the direct method: it answered {(int)answer.Status}.", answer.Describe());
    }

    private async Task<CommandAcceptance> PatchDesiredAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        var deviceId = command.Device.DeviceId;
        if (command.Parameters.Count == 0)
        {
            return CommandAcceptance.Refused($"Command '{command.Name}' is sent as a desired-property patch, and it has no parameters to patch.");
        }

        var answer = await _client.PatchDesiredAsync(deviceId, command.Parameters, cancellationToken);
        if (!answer.IsSuccess)
        {
            return CommandAcceptance.Refused($"The hub refused the desired-property patch: it answered {(int)answer.Status}.", answer.Describe());
        }

        AzureIoTHubLog.DesiredPatched(_logger, _context.ProviderInstanceName, deviceId, command.CommandId);
        _watch.Watch(command.CommandId, deviceId, command.Parameters, command.ExpiresAt);
        await _context.Sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.Delivered), cancellationToken);
        return CommandAcceptance.Taken;
    }

    /// <summary>The hub's answer for a direct method to a device that is not connected: 404 with error code DeviceNotOnline (404103).</summary>
    private static bool IsDeviceOffline(HubAnswer answer) =>
        answer.Status == HttpStatusCode.NotFound && answer.ErrorCode is "DeviceNotOnline" or "404103";

    private async Task CheckReportedBackAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_settings.ReportedBackCheckSeconds), _context.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (_watch.Count > 0)
                {
                    try
                    {
                        await _watch.CheckAsync(cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A store that refused an outcome for good must not end the checks of the other commands.
                        AzureIoTHubLog.ReportedBackLoopFailed(_logger, ex, _context.ProviderInstanceName);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
    }
}
