using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Fieldlink.Core.Settings;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// What decides that two alerts are repeats of one problem: the fields IoT settings choose (the device alone when none
/// are chosen), hashed to a fixed-length key, and a 64-bit lock key from the same hash for the database's locks.
/// </summary>
public static class AlertGroupKey
{
    public static string For(IReadOnlyList<string> fields, Guid providerInstanceId, string deviceId, Guid? deviceRecordId, Guid? customerAssetId, AlertType type, string description)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var chosen = fields.Count == 0 ? [AlertGroupingField.Device] : fields;
        var text = new StringBuilder();
        foreach (var field in AlertGroupingField.All.Where(chosen.Contains))
        {
            text.Append(field).Append('=').Append(field switch
            {
                // An unmatched alert still groups with its own device's other alerts, by the provider's id.
                AlertGroupingField.Device => deviceRecordId?.ToString() ?? $"{providerInstanceId}/{deviceId}",
                AlertGroupingField.CustomerAsset => customerAssetId?.ToString() ?? "-",
                AlertGroupingField.AlertType => type.ToString(),
                _ => description,
            }).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The lock key of a group key: its first eight bytes.</summary>
    public static long LockKey(string groupKey)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        return BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(groupKey.AsSpan(0, 16)));
    }
}
