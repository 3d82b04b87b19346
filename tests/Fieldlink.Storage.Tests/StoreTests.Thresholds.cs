using Fieldlink.Core.Devices;
using Fieldlink.Core.Thresholds;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>What threshold rules keep in the store: a measure's hysteresis, and the states shared by processes.</summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task A_measures_hysteresis_round_trips_and_stays_null_when_not_set()
    {
        var category = new DeviceCategory
        {
            Name = "Chiller",
            Measures = [new Measure { Name = "temperature", Low = 2, High = 30, Hysteresis = 0.75 }, new Measure { Name = "pressure", High = 12 }],
        };
        await AddAsync(category);

        var stored = await ReloadAsync<DeviceCategory>(category.Id);

        Assert.Equal([0.75, null], stored.Measures.Select(m => m.Hysteresis));
    }

    [Fact]
    public async Task A_threshold_state_round_trips_and_goes_with_its_device()
    {
        var instance = await AddInstanceAsync();
        var device = NewDevice(instance, "thermo-1");
        var at = Start.AddSeconds(30);
        await AddAsync(device);
        await AddAsync(new MeasureThresholdState { DeviceRecordId = device.Id, Measure = "temperature", State = ThresholdState.AboveHigh, At = at, Value = 31.5, UpdatedAt = Start });

        await using (var db = NewContext())
        {
            var state = await db.ThresholdStates.AsNoTracking().SingleAsync();
            Assert.Equal((device.Id, "temperature", ThresholdState.AboveHigh, at, 31.5), (state.DeviceRecordId, state.Measure, state.State, state.At, state.Value));
            Assert.Equal(1, await db.ThresholdStates.CountAsync(s => s.UpdatedAt >= Start && s.At > Start));

            db.Devices.Remove(await db.Devices.SingleAsync(d => d.Id == device.Id));
            await db.SaveChangesAsync();
        }

        await using var after = NewContext();
        Assert.Empty(await after.ThresholdStates.ToListAsync());
    }
}
