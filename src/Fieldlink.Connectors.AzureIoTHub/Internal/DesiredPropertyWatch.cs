using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>
/// The desired-property commands waiting for their device to report the values back: at each check, a command whose
/// every patched property is reported with the same value is Succeeded. One that expires first is dropped (Fieldlink
/// times it out). Kept in memory: after a restart, a command still waiting stays Delivered until Fieldlink times it out.
/// Thread-safe.
/// </summary>
internal sealed class DesiredPropertyWatch(IoTHubServiceClient client, IConnectorSink sink, TimeProvider time, ILogger logger, string instance)
{
    /// <summary>How long a command without an expiry is watched.</summary>
    public static readonly TimeSpan DefaultWatch = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<Guid, Pending> _pending = new();

    public int Count => _pending.Count;

    public void Watch(Guid commandId, string deviceId, JsonObject desired, DateTimeOffset? expiresAt) =>
        _pending[commandId] = new Pending(deviceId, (JsonObject)desired.DeepClone(), expiresAt ?? time.GetUtcNow() + DefaultWatch);

    /// <summary>Reads each waiting device's twin once and reports the commands it carried out.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var group in _pending.ToArray().GroupBy(p => p.Value.DeviceId, StringComparer.Ordinal))
        {
            JsonObject? reported = null;
            foreach (var (commandId, pending) in group)
            {
                if (pending.ExpiresAt <= now)
                {
                    _pending.TryRemove(commandId, out _);
                    continue;
                }

                try
                {
                    reported ??= await ReportedAsync(group.Key, cancellationToken);
                    if (reported is null)
                    {
                        _pending.TryRemove(commandId, out _);
                        await sink.ReportCommandStatusAsync(new CommandStatusReport(commandId, CommandStatus.Failed, Error: "The device was deleted from the hub before it reported the values back."), cancellationToken);
                        continue;
                    }

                    if (IsReportedBack(pending.Desired, reported))
                    {
                        await sink.ReportCommandStatusAsync(new CommandStatusReport(commandId, CommandStatus.Succeeded, Response: Echo(pending.Desired, reported)), cancellationToken);
                        _pending.TryRemove(commandId, out _);
                        AzureIoTHubLog.ReportedBack(logger, instance, group.Key, commandId);
                    }
                }
                catch (ConnectorException ex)
                {
                    AzureIoTHubLog.ReportedBackCheckFailed(logger, ex, instance, group.Key, commandId);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Completes the commands of <paramref name="deviceId"/> whose values are all in <paramref name="changed"/>, the
    /// reported properties a twin change event says the device just set: at once, without waiting for the next check.
    /// A command whose values came in separate changes is left to the check, which reads the whole twin.
    /// </summary>
    /// <returns>How many commands were completed.</returns>
    public async Task<int> ReportedChangedAsync(string deviceId, JsonObject changed, CancellationToken cancellationToken)
    {
        var completed = 0;
        foreach (var (commandId, pending) in _pending.ToArray())
        {
            if (string.Equals(pending.DeviceId, deviceId, StringComparison.Ordinal) && IsReportedBack(pending.Desired, changed))
            {
                await sink.ReportCommandStatusAsync(new CommandStatusReport(commandId, CommandStatus.Succeeded, Response: Echo(pending.Desired, changed)), cancellationToken);
                _pending.TryRemove(commandId, out _);
                AzureIoTHubLog.ReportedBack(logger, instance, deviceId, commandId);
                completed++;
            }
        }

        return completed;
    }

    /// <summary>Whether every property of <paramref name="desired"/> is reported with the same value (objects: each of their properties, recursively).</summary>
    internal static bool IsReportedBack(JsonObject desired, JsonObject reported)
    {
        foreach (var (name, value) in desired)
        {
            var actual = reported[name];
            if (value is JsonObject nested)
            {
                if (actual is not JsonObject actualNested || !IsReportedBack(nested, actualNested))
                {
                    return false;
                }
            }
            else if (!JsonNode.DeepEquals(value, actual))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonObject Echo(JsonObject desired, JsonObject reported)
    {
        var echo = new JsonObject();
        foreach (var (name, _) in desired)
        {
            echo[name] = reported[name]?.DeepClone();
        }

        return echo;
    }

    private async Task<JsonObject?> ReportedAsync(string deviceId, CancellationToken cancellationToken)
    {
        var answer = await client.GetTwinAsync(deviceId, cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        return answer is { IsSuccess: true, Body: JsonObject twin } && twin["properties"]?["reported"] is JsonObject reported
            ? reported
            : throw new ConnectorException($"The hub answered {answer.Describe()} to reading the twin.", isTransient: true);
    }

    private sealed record Pending(string DeviceId, JsonObject Desired, DateTimeOffset ExpiresAt);
}
