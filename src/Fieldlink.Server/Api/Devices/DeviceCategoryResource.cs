using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Devices;

/// <summary>The <c>deviceCategories</c> collection.</summary>
public sealed class DeviceCategoryResource : CollectionResource<DeviceCategory, DeviceCategoryWrite, DeviceCategoryRead>
{
    private const int MaxMeasures = 100;

    public override string Collection => "deviceCategories";

    public override string Noun => "device category";

    public override DeviceCategoryRead ToRead(DeviceCategory entity) =>
        new(entity.Id, entity.Name, entity.Description, Measures(entity), DefinitionWrites.FromCommands(entity.Commands), DefinitionWrites.FromTiles(entity.Tiles), entity.CreatedAt, entity.UpdatedAt);

    public override DeviceCategoryWrite ToWrite(DeviceCategory entity) => new(entity.Name, entity.Description, Measures(entity), DefinitionWrites.FromCommands(entity.Commands), DefinitionWrites.FromTiles(entity.Tiles));

    public override Task ValidateAsync(DeviceCategoryWrite write, DeviceCategory? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        errors.Required("name", write.Name);
        errors.Optional("description", write.Description, 2000);
        var measures = write.Measures ?? [];
        if (measures.Count > MaxMeasures)
        {
            errors.Add("measures", $"A category has at most {MaxMeasures} measures.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < measures.Count; i++)
        {
            if (measures[i] is not { } measure)
            {
                errors.Add($"measures[{i}]", "A measure must be an object with at least a name.");
                continue;
            }

            if (errors.Required($"measures[{i}].name", measure.Name, 100) is { } name && !seen.Add(name))
            {
                errors.Add($"measures[{i}].name", $"The measure '{name}' is listed twice.");
            }

            errors.Optional($"measures[{i}].unit", measure.Unit, 50);
            if (measure is { Low: { } low, High: { } high } && low >= high)
            {
                errors.Add($"measures[{i}].low", "The low threshold must be below the high threshold.");
            }

            if (measure.Low is { } l && !double.IsFinite(l))
            {
                errors.Add($"measures[{i}].low", "The low threshold must be a finite number.");
            }

            if (measure.High is { } h && !double.IsFinite(h))
            {
                errors.Add($"measures[{i}].high", "The high threshold must be a finite number.");
            }

            if (measure.Hysteresis is { } hysteresis)
            {
                if (!double.IsFinite(hysteresis) || hysteresis < 0)
                {
                    errors.Add($"measures[{i}].hysteresis", "The hysteresis must be a finite number, 0 or more.");
                }
                else if (measure is { Low: { } bandLow, High: { } bandHigh } && bandLow < bandHigh && hysteresis >= bandHigh - bandLow)
                {
                    // Leaving AboveHigh at high - hysteresis would then land at or below low: never back to normal.
                    errors.Add($"measures[{i}].hysteresis", "The hysteresis must be less than high - low.");
                }
            }
        }

        DefinitionWrites.CheckCommands(write.Commands, errors);
        DefinitionWrites.CheckTiles(write.Tiles, [.. measures.OfType<MeasureWrite>().Select(m => m.Name?.Trim()).OfType<string>()], errors);
        return Task.CompletedTask;
    }

    public override DeviceCategory Create(DeviceCategoryWrite write)
    {
        var category = new DeviceCategory { Name = string.Empty };
        Apply(write, category);
        return category;
    }

    public override void Apply(DeviceCategoryWrite write, DeviceCategory entity)
    {
        entity.Name = write.Name!.Trim();
        entity.Description = string.IsNullOrWhiteSpace(write.Description) ? null : write.Description.Trim();
        entity.Measures = (write.Measures ?? [])
            .Select(m => new Measure { Name = m.Name!.Trim(), Unit = string.IsNullOrWhiteSpace(m.Unit) ? null : m.Unit.Trim(), Low = m.Low, High = m.High, Hysteresis = m.Hysteresis })
            .ToList();
        entity.Commands = DefinitionWrites.ToCommands(write.Commands);
        entity.Tiles = DefinitionWrites.ToTiles(write.Tiles);
    }

    public override async Task<string?> FindDeleteConflictAsync(DeviceCategory entity, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        var devices = await db.Devices.CountAsync(d => d.CategoryId == entity.Id, cancellationToken);
        return devices == 0 ? null : $"{devices} device(s) are still in this category; move them first.";
    }

    public override string DuplicateMessage(DeviceCategory entity) => $"A device category named '{entity.Name}' already exists.";

    public override IOrderedQueryable<DeviceCategory> DefaultOrder(IQueryable<DeviceCategory> source) => source.OrderBy(c => c.Name);

    private static List<MeasureWrite> Measures(DeviceCategory entity) =>
        entity.Measures.Select(m => new MeasureWrite(m.Name, m.Unit, m.Low, m.High, m.Hysteresis)).ToList();
}
