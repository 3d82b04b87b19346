using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Tests.Infrastructure.TestVendor;

/// <summary>The test vendor's system: answers from memory, or fails, crashes or hangs as its settings say.</summary>
public sealed class TestVendorInstance(TestVendorSettings settings, ConnectorContext context)
    : IConnectorInstance, IRegisterDevices, IPullDeviceData, ISendCommands, ICustomActions
{
    /// <summary>Every command handed over, by command id, across all instances: a test counts repeats here.</summary>
    public static ConcurrentDictionary<Guid, int> Sent { get; } = new();

    /// <summary>The message of every command handed over, by command id.</summary>
    public static ConcurrentDictionary<Guid, JsonObject> Messages { get; } = new();

    public async Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        await BehaveAsync(cancellationToken);
        return [.. devices.Select(d => d.DeviceId.StartsWith("reject", StringComparison.Ordinal)
            ? new RegistrationResult(d.Id, RegistrationStatus.Error, Message: "The vendor rejects this device.")
            : new RegistrationResult(d.Id, RegistrationStatus.Registered, Message: $"Registered at {settings.Host}"))];
    }

    public async Task<IReadOnlyList<DeviceData>> PullDeviceDataAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        await BehaveAsync(cancellationToken);
        if (settings.Behaviour == "slowPull")
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        var now = context.Time.GetUtcNow();
        return [.. devices.Select(d => d.DeviceId.StartsWith("missing", StringComparison.Ordinal)
            ? new DeviceData(d.Id, DeviceDataStatus.NotFound, null, null, null, null, "No such device at the vendor.")
            : new DeviceData(d.Id, DeviceDataStatus.Enabled, ConnectionState.Connected, now.AddMinutes(-5), new JsonObject { ["temperature"] = 65.6, ["humidity"] = 21.3 }, now))];
    }

    public async Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        await BehaveAsync(cancellationToken);
        if (settings.CommandOutcome == "slow")
        {
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }

        var tries = Sent.AddOrUpdate(command.CommandId, 1, (_, n) => n + 1);
        Messages[command.CommandId] = command.Message;
        if (settings.CommandOutcome == "refuse")
        {
            return CommandAcceptance.Refused("The vendor does not take commands for this device.");
        }

        if (settings.CommandOutcome == "flaky" && tries == 1)
        {
            throw new ConnectorException("The vendor answered 503.");
        }

        if (settings.CommandOutcome is "succeedAtOnce" or "flaky" or "deliverAtOnce")
        {
            // The device answers before the vendor's answer to the hand-over is back, as a fast one may.
            await context.Sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.Delivered), cancellationToken);
            if (settings.CommandOutcome != "deliverAtOnce")
            {
                await context.Sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.Succeeded, new JsonObject { ["echo"] = command.Name }), cancellationToken);
            }

            return CommandAcceptance.Taken;
        }

        if (settings.CommandOutcome != "none")
        {
            // The device answers later, as a real one does, through the sink.
            _ = Task.Run(async () =>
            {
                DateTimeOffset? at = settings.CommandOutcome == "skewed" ? context.Time.GetUtcNow().AddHours(-1) : null;
                await context.Sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.Delivered, At: at), CancellationToken.None);
                await context.Sink.ReportCommandStatusAsync(
                    settings.CommandOutcome is "succeed" or "slow" or "skewed"
                        ? new CommandStatusReport(command.CommandId, CommandStatus.Succeeded, new JsonObject { ["echo"] = command.Name }, At: at)
                        : new CommandStatusReport(command.CommandId, CommandStatus.Failed, Error: "The device could not do it."),
                    CancellationToken.None);
            }, CancellationToken.None);
        }

        return CommandAcceptance.Taken;
    }

    public async Task<JsonNode?> InvokeCustomActionAsync(string name, DeviceRef device, JsonNode? input, CancellationToken cancellationToken)
    {
        await BehaveAsync(cancellationToken);
        if (name == "raise-alert")
        {
            // As a vendor's system pushes an alert: through the sink, like any connector.
            await context.Sink.PublishAlertsAsync([new AlertReport(device.DeviceId, (string?)input?["description"] ?? "Raised by the test vendor")], cancellationToken);
        }

        return new JsonObject { ["action"] = name, ["device"] = device.DeviceId, ["input"] = input?.DeepClone() };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task BehaveAsync(CancellationToken cancellationToken) => settings.Behaviour switch
    {
        "fail" => throw new ConnectorException("The vendor's cloud answered 503."),
        "crash" => throw new InvalidOperationException("A bug in the connector."),
        "hang" => Task.Delay(Timeout.Infinite, cancellationToken),
        _ => Task.CompletedTask,
    };
}
