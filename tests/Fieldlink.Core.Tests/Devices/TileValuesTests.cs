using Fieldlink.Core.Devices;

namespace Fieldlink.Core.Tests.Devices;

public sealed class TileValuesTests
{
    [Fact]
    public void Defaults_are_alerts_of_a_day_cases_and_work_orders_of_30_days_without_reported_properties()
    {
        var tiles = TileValues.Defaults("{}", []);
        Assert.Equal([TileSource.Alerts, TileSource.Cases, TileSource.WorkOrders], tiles.Select(t => t.Source));
        Assert.Equal([1, 30, 30], tiles.Select(t => t.TimeRange));
        Assert.All(tiles, t => Assert.Equal(TileAggregation.Count, t.Aggregation));
    }

    [Fact]
    public void Defaults_add_a_7_day_average_of_the_first_two_numeric_properties_the_categorys_measures_first()
    {
        var tiles = TileValues.Defaults("""{"mode": "eco", "a": 1, "humidity": 21.3, "temperature": 65.6}""", ["temperature", "pressure", "humidity"]);
        Assert.Equal(["temperature", "humidity"], tiles.Skip(3).Select(t => t.Measure));
        Assert.All(tiles.Skip(3), t => Assert.Equal((TileAggregation.Average, 7, TileTimeUnit.Days), (t.Aggregation, t.TimeRange, t.TimeUnit)));
        Assert.Equal([0, 1, 2, 3, 4], tiles.Select(t => t.Position));
    }

    [Theory]
    [InlineData(TileSource.Measure, TileAggregation.Average, 7, TileTimeUnit.Days, "Average temperature, last 7 days")]
    [InlineData(TileSource.Measure, TileAggregation.Latest, 1, TileTimeUnit.Hours, "Latest temperature, last hour")]
    [InlineData(TileSource.Measure, TileAggregation.Max, 1, TileTimeUnit.Days, "Highest temperature, last day")]
    [InlineData(TileSource.WorkOrders, TileAggregation.Count, 30, TileTimeUnit.Days, "Work orders, last 30 days")]
    public void Label_says_what_and_over_which_window(TileSource source, TileAggregation aggregation, int range, TileTimeUnit unit, string expected)
    {
        var tile = new SummaryTile { Source = source, Measure = source == TileSource.Measure ? "temperature" : null, Aggregation = aggregation, TimeRange = range, TimeUnit = unit };
        Assert.Equal(expected, TileValues.Label(tile));
    }
}
