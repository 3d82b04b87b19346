using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

/// <summary>
/// The command definitions of devices' categories, and the check of a command against them before it is queued: a
/// command whose name (regardless of case) a device's category defines must fit that definition
/// (<see cref="CommandParametersCheck"/>); any other name passes to the connector unchecked.
/// </summary>
public sealed class CommandDefinitions(FieldlinkDbContext db)
{
    /// <summary>The command definitions of the device's category; empty when it has none or no category.</summary>
    public async Task<IReadOnlyList<CommandDefinition>> ForDeviceAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        var categoryId = await db.Devices.AsNoTracking().Where(d => d.Id == deviceId).Select(d => d.CategoryId).FirstOrDefaultAsync(cancellationToken);
        if (categoryId is null)
        {
            return [];
        }

        var category = await db.DeviceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, cancellationToken);
        return category?.Commands ?? [];
    }

    /// <summary>
    /// What is wrong with the command for any of the devices, each device checked against its own category, keyed by
    /// field (<c>parameters.Reading.Temperature</c>); empty when nothing is. Two queries, however many devices.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> CheckAsync(IReadOnlyList<Guid> deviceIds, string name, JsonObject? parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentNullException.ThrowIfNull(name);
        var ids = deviceIds.ToList();
        var categoryIds = await db.Devices.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.CategoryId != null)
            .Select(d => d.CategoryId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (categoryIds.Count == 0)
        {
            return new Dictionary<string, string[]>();
        }

        var categories = await db.DeviceCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        foreach (var category in categories)
        {
            if (category.Commands.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } definition)
            {
                continue;
            }

            foreach (var (field, message) in CommandParametersCheck.Check(definition, parameters))
            {
                // Devices of several categories: say whose definition a message comes from.
                var text = categories.Count > 1 ? $"{message} (category '{category.Name}')" : message;
                if (!errors.TryGetValue(field, out var list))
                {
                    errors[field] = list = [];
                }

                if (!list.Contains(text))
                {
                    list.Add(text);
                }
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
