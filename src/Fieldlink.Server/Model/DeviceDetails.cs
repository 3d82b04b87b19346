using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads what the device page shows of a device (<see cref="DeviceFacts"/>): the record, one query per name it refers
/// to, its reported properties as key/value rows, and the measures its chart offers — its category's, and any that have
/// readings.
/// </summary>
public sealed class DeviceDetails(IServiceScopeFactory scopes)
{
    /// <summary>The most reported properties shown; a device reporting more is cut short.</summary>
    public const int MaxProperties = 200;

    /// <summary>The device, or null when there is none with this id.</summary>
    public async Task<DeviceFacts?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return null;
        }

        var instance = await db.ProviderInstances.AsNoTracking().Where(i => i.Id == device.ProviderInstanceId)
            .Select(i => new { i.Id, i.Name, i.ProviderId }).FirstAsync(ct);
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == instance.ProviderId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var category = device.CategoryId is { } categoryId
            ? await db.DeviceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, ct)
            : null;
        var asset = device.CustomerAssetId is { } assetId
            ? await db.CustomerAssets.AsNoTracking().Where(c => c.Id == assetId).Select(c => new NamedRecord(c.Id, c.Name)).FirstOrDefaultAsync(ct)
            : null;
        var account = device.AccountId is { } accountId
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new NamedRecord(a.Id, a.Name)).FirstOrDefaultAsync(ct)
            : null;
        var withReadings = await db.ReadingSeries.AsNoTracking().Where(s => s.DeviceRecordId == id).Select(s => s.Measure).ToListAsync(ct);

        var measures = new List<ChartMeasure>();
        foreach (var measure in category?.Measures ?? [])
        {
            if (measures.All(m => m.Name != measure.Name))
            {
                measures.Add(new ChartMeasure(measure.Name, measure.Unit));
            }
        }

        foreach (var name in withReadings.Order(StringComparer.Ordinal))
        {
            if (measures.All(m => m.Name != name))
            {
                measures.Add(new ChartMeasure(name, null));
            }
        }

        return new DeviceFacts(
            device.Id,
            device.Name,
            device.DeviceId,
            device.RegistrationStatus,
            device.RegistrationMessage,
            device.ConnectionState,
            device.ConnectionStateChangedAt,
            device.LastActivityAt,
            device.TimeZone,
            device.Simulated,
            device.Tags,
            new NamedRecord(instance.Id, instance.Name),
            provider,
            category is null ? null : new NamedRecord(category.Id, category.Name),
            asset,
            account,
            Properties(device.ReportedProperties),
            measures,
            device.CreatedAt);
    }

    /// <summary>
    /// A JSON object as key/value rows, nested objects flattened to dotted keys (<c>firmware.version</c>), strings
    /// without their quotes, anything else (numbers, arrays) as JSON.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Properties(string json)
    {
        var rows = new List<KeyValuePair<string, string>>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException)
        {
            return rows;
        }

        if (root is JsonObject properties)
        {
            Flatten(properties, null, rows);
        }

        return rows;
    }

    private static void Flatten(JsonObject properties, string? prefix, List<KeyValuePair<string, string>> rows)
    {
        foreach (var (key, value) in properties)
        {
            if (rows.Count >= MaxProperties)
            {
                return;
            }

            var name = prefix is null ? key : $"{prefix}.{key}";
            switch (value)
            {
                case JsonObject nested when nested.Count > 0:
                    Flatten(nested, name, rows);
                    break;
                case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                    rows.Add(new(name, text.GetValue<string>()));
                    break;
                case null:
                    rows.Add(new(name, "null"));
                    break;
                default:
                    rows.Add(new(name, value.ToJsonString()));
                    break;
            }
        }
    }
}
