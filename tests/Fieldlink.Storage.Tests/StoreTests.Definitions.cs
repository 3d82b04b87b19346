using Fieldlink.Core.Devices;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>Command definitions and summary tiles: whole JSON documents, nested parameters and all.</summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task DeviceCategory_commands_and_tiles_round_trip_nested_and_edits_in_place_are_saved()
    {
        var category = new DeviceCategory
        {
            Name = "Thermostat",
            Commands =
            [
                new CommandDefinition
                {
                    Name = "Set Values",
                    Parameters =
                    [
                        new CommandParameter
                        {
                            Name = "Reading",
                            Type = ParameterType.Object,
                            Parameters = [new CommandParameter { Name = "Temperature", Type = ParameterType.WholeNumber, Unit = "°C", Default = 30 }],
                        },
                        new CommandParameter { Name = "Mode", Editable = false, Visible = false, Default = "auto" },
                    ],
                },
            ],
            Tiles = [new SummaryTile { Source = TileSource.Alerts, Aggregation = TileAggregation.Count, TimeRange = 24, TimeUnit = TileTimeUnit.Hours, Position = 1 }],
        };
        await AddAsync(category);

        await using (var db = NewContext())
        {
            var tracked = await db.DeviceCategories.SingleAsync(c => c.Id == category.Id);
            tracked.Commands[0].Parameters[0].Parameters[0].Required = true;
            tracked.Tiles.Add(new SummaryTile { Measure = "temperature", TimeRange = 7 });
            await db.SaveChangesAsync();
        }

        var stored = await ReloadAsync<DeviceCategory>(category.Id);
        var temperature = stored.Commands.Single().Parameters[0].Parameters.Single();
        Assert.Equal((ParameterType.WholeNumber, "°C", true, 30), (temperature.Type, temperature.Unit, temperature.Required, (int)temperature.Default!));
        Assert.Equal((false, false, "auto"), (stored.Commands[0].Parameters[1].Editable, stored.Commands[0].Parameters[1].Visible, (string)stored.Commands[0].Parameters[1].Default!));
        Assert.Equal([(TileSource.Alerts, (string?)null, 24, TileTimeUnit.Hours), (TileSource.Measure, "temperature", 7, TileTimeUnit.Days)], stored.Tiles.Select(t => (t.Source, t.Measure, t.TimeRange, t.TimeUnit)));
    }
}
