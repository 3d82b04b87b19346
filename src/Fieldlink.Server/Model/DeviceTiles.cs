using Fieldlink.Core.Devices;

namespace Fieldlink.Server.Model;

/// <summary>A device's summary tiles for a page, from the same service as <c>GET /devices/{id}/tiles</c> (<see cref="TileValues"/>), in a store scope of its own.</summary>
public sealed class DeviceTiles(IServiceScopeFactory scopes)
{
    /// <summary>The tiles' values in position order; empty when the device does not exist.</summary>
    public async Task<IReadOnlyList<TileValue>> LoadAsync(Guid deviceId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var answer = await scope.ServiceProvider.GetRequiredService<TileValues>().ForDeviceAsync(deviceId, ct);
        return answer?.Values ?? [];
    }
}
