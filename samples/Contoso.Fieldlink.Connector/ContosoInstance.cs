using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Contoso.Fieldlink.Connector;

/// <summary>
/// One Contoso tenant. A real connector would call the vendor's API here, through an <c>HttpClient</c> made with
/// <see cref="ConnectorContext.HttpHandlerFactory"/> so Fieldlink's outbound guard applies; the sample keeps the
/// tenant's device table in memory, which is enough to show each action's contract.
/// </summary>
/// <remarks>Thread-safe: the table is a concurrent dictionary.</remarks>
public sealed class ContosoInstance : IConnectorInstance, IRegisterDevices, IPullDeviceData, ICustomActions
{
    private readonly ContosoSettings _settings;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _registeredAt = new(StringComparer.Ordinal);

    internal ContosoInstance(ContosoSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var now = _time.GetUtcNow();
        IReadOnlyList<RegistrationResult> results = [.. devices.Select(device =>
            _registeredAt.TryAdd(device.DeviceId, now)
                ? new RegistrationResult(device.Id, RegistrationStatus.Registered, Message: $"Registered in Contoso tenant {_settings.Tenant}.")
                : new RegistrationResult(device.Id, RegistrationStatus.Registered, Message: $"Already registered in Contoso tenant {_settings.Tenant}."))];
        return Task.FromResult(results);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceData>> PullDeviceDataAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        IReadOnlyList<DeviceData> results = [.. devices.Select(device =>
            _registeredAt.TryGetValue(device.DeviceId, out var registeredAt)
                ? new DeviceData(
                    device.Id,
                    DeviceDataStatus.Enabled,
                    ConnectionState.Connected,
                    registeredAt,
                    new JsonObject { ["model"] = "Contoso T-100", ["tenant"] = _settings.Tenant },
                    _time.GetUtcNow())
                : new DeviceData(device.Id, DeviceDataStatus.NotFound, null, null, null, null, $"Contoso tenant {_settings.Tenant} has no device {device.DeviceId}; register it first."))];
        return Task.FromResult(results);
    }

    /// <summary>Runs <c>Blink</c> {seconds (1 to 60, default 5)}: the device's LED blinks; answers until when.</summary>
    /// <inheritdoc />
    public Task<JsonNode?> InvokeCustomActionAsync(string name, DeviceRef device, JsonNode? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (name != ContosoConnector.BlinkAction)
        {
            throw new ConnectorException($"Contoso has no action '{name}'.");
        }

        if (!_registeredAt.ContainsKey(device.DeviceId))
        {
            throw new ConnectorException($"Contoso tenant {_settings.Tenant} has no device {device.DeviceId}; register it first.");
        }

        var seconds = 5;
        if (input is JsonObject { } body && body["seconds"] is { } given && !(given is JsonValue value && value.TryGetValue(out seconds)))
        {
            throw new ConnectorException("Blink takes 'seconds', a whole number.");
        }

        if (seconds is < 1 or > 60)
        {
            throw new ConnectorException("Blink takes 'seconds' from 1 to 60.");
        }

        JsonNode result = new JsonObject { ["deviceId"] = device.DeviceId, ["blinkingUntil"] = _time.GetUtcNow().AddSeconds(seconds) };
        return Task.FromResult<JsonNode?>(result);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
