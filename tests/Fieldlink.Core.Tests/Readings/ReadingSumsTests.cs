using Fieldlink.Core.Readings;

namespace Fieldlink.Core.Tests.Readings;

/// <summary>Sums in two parts: exact for ordinary readings, never infinite for large ones.</summary>
public sealed class ReadingSumsTests
{
    [Fact]
    public void Ordinary_readings_sum_and_average_bit_for_bit_as_plain_addition()
    {
        double[] values = [0.1, 0.2, 0.3, -7.25, 1e200, 3.5e-300];
        var small = values.Aggregate(0.0, (sum, v) => sum + v);

        Assert.Equal(small, ReadingSums.Sum(small, 0));
        Assert.Equal(small / values.Length, ReadingSums.Average(small, 0, values.Length));
    }

    [Fact]
    public void A_sum_beyond_the_largest_double_is_the_largest_double_of_its_sign()
    {
        var scaled = (1e308 * ReadingSums.Scale) + (1e308 * ReadingSums.Scale);

        Assert.Equal(double.MaxValue, ReadingSums.Sum(0, scaled));
        Assert.Equal(double.MinValue, ReadingSums.Sum(0, -scaled));
        Assert.Equal(1e308, ReadingSums.Average(0, scaled, 2));
    }

    [Fact]
    public void A_large_part_past_the_largest_double_that_small_readings_bring_back_is_summed_in_range()
    {
        // Many small readings summing to -1e308, and large ones summing to just past the largest double.
        var large = (double.MaxValue * ReadingSums.Scale) + (1e307 * ReadingSums.Scale);

        var sum = ReadingSums.Sum(-1e308, large);

        Assert.Equal(double.MaxValue - 1e308 + 1e307, sum, 1e294);
    }
}
