using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Readings;

/// <summary>
/// The devices telemetry has recently named, by provider instance and <c>deviceId</c>: their record id and category.
/// A fleet reports the same devices batch after batch, and looking them up cost every batch a query of a thousand keys
/// (a round trip, and PostgreSQL's index look-ups, on the same cores as the COPY it waits for).
/// </summary>
/// <remarks>
/// Forgotten, all at once, when a device or a provider instance is written (<see cref="RecordKind.Device"/>,
/// <see cref="RecordKind.ProviderInstance"/>, announced by every SaveChanges of them: a device deleted, renamed, moved
/// or given another category; an instance deleted with its devices), in this process as the write commits and in the
/// others of a PostgreSQL fleet by notification, and after notifications may have been missed. A look-up under way
/// when such a change is announced is not kept. Where no announcement can come, an entry is used at most
/// <see cref="MaxAge"/> after its read began. Devices not found are not remembered, so a device registered a moment
/// ago is found by the next batch. Its last activity, written in bulk and not announced, does not matter here.
/// One per process; thread-safe.
/// </remarks>
public sealed class TelemetryDeviceCache : IDisposable
{
    /// <summary>The longest an entry is used without reading the device again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>Past this many devices the cache starts afresh, so a fleet larger than memory should hold is not all kept.</summary>
    public const int MaxEntries = 200_000;

    private readonly AnnouncedCache<(Guid ProviderInstanceId, string DeviceId), TelemetryDevice> _devices;

    public TelemetryDeviceCache(ChangeFeed changes, TimeProvider time) =>
        _devices = new(changes, time, MaxAge, MaxEntries, [RecordKind.Device, RecordKind.ProviderInstance]);

    /// <summary>
    /// The devices of <paramref name="deviceIds"/> that exist in the instance, by <c>deviceId</c>: from memory when read
    /// less than <see cref="MaxAge"/> ago and unchanged since, the others in one query.
    /// </summary>
    public async Task<Dictionary<string, TelemetryDevice>> FindAsync(
        FieldlinkDbContext db, Guid providerInstanceId, IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deviceIds);
        var read = _devices.BeginRead();
        var found = new Dictionary<string, TelemetryDevice>(deviceIds.Count, StringComparer.Ordinal);
        List<string>? wanted = null;
        foreach (var deviceId in deviceIds)
        {
            if (_devices.TryGet((providerInstanceId, deviceId), read, out var device))
            {
                found[deviceId] = device;
            }
            else
            {
                (wanted ??= []).Add(deviceId);
            }
        }

        if (wanted is null)
        {
            return found;
        }

        var stored = await db.Devices.AsNoTracking()
            .Where(d => d.ProviderInstanceId == providerInstanceId && wanted.Contains(d.DeviceId))
            .Select(d => new TelemetryDevice(d.Id, d.DeviceId, d.CategoryId))
            .ToListAsync(cancellationToken);
        foreach (var device in stored)
        {
            found[device.DeviceId] = device;
        }

        _devices.Keep(read, stored.Select(d => KeyValuePair.Create((providerInstanceId, d.DeviceId), d)));
        return found;
    }

    public void Dispose() => _devices.Dispose();
}
