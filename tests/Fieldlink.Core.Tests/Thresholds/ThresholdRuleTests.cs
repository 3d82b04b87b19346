using Fieldlink.Core.Devices;
using Fieldlink.Core.Thresholds;

namespace Fieldlink.Core.Tests.Thresholds;

public sealed class ThresholdRuleTests
{
    [Theory]
    [InlineData(10.0, 30.0, 1.0)] // 5% of the band
    [InlineData(-40.0, -20.0, 1.0)]
    [InlineData(null, 30.0, 1.5)] // 5% of the one threshold
    [InlineData(-20.0, null, 1.0)] // of its magnitude
    [InlineData(0.0, null, ThresholdRule.ZeroThresholdHysteresis)] // 5% of 0 is nothing
    [InlineData(null, 0.0, ThresholdRule.ZeroThresholdHysteresis)]
    [InlineData(0.0, 2.0, 0.1)] // a band starting at 0 has a scale
    public void Default_hysteresis_is_5_percent_of_the_band_or_of_the_lone_threshold(double? low, double? high, double expected)
    {
        Assert.Equal(expected, ThresholdRule.DefaultHysteresis(low, high), 1e-12);
    }

    [Fact]
    public void The_default_edges_are_the_numbers_a_user_would_write()
    {
        var rule = ThresholdRule.For(new Measure { Name = "t", Low = 2, High = 30 })!;

        Assert.Equal(1.4, rule.Hysteresis);
        Assert.Equal(ThresholdState.Normal, rule.Next(ThresholdState.BelowLow, 3.4));
        Assert.Equal(ThresholdState.Normal, rule.Next(ThresholdState.AboveHigh, 28.6));
    }

    [Fact]
    public void A_measure_without_thresholds_has_no_rule()
    {
        Assert.Null(ThresholdRule.For(new Measure { Name = "count" }));
        Assert.Null(ThresholdRule.For(new Measure { Name = "count", Hysteresis = 2 }));
    }

    [Fact]
    public void A_measures_own_hysteresis_wins_over_the_default_even_when_0()
    {
        Assert.Equal(0.25, ThresholdRule.For(new Measure { Name = "t", Low = 0, High = 100, Hysteresis = 0.25 })!.Hysteresis);
        Assert.Equal(0, ThresholdRule.For(new Measure { Name = "t", High = 100, Hysteresis = 0 })!.Hysteresis);
        Assert.Equal(5, ThresholdRule.For(new Measure { Name = "t", Low = 0, High = 100 })!.Hysteresis);
    }

    [Fact]
    public void Above_high_is_entered_past_high_and_left_only_at_high_minus_hysteresis()
    {
        var rule = new ThresholdRule("t", null, Low: 10, High: 30, Hysteresis: 1);

        Assert.Equal(ThresholdState.Normal, rule.Next(ThresholdState.Normal, 30)); // at the threshold is not past it
        Assert.Equal(ThresholdState.AboveHigh, rule.Next(ThresholdState.Normal, 30.01));
        Assert.Equal(ThresholdState.AboveHigh, rule.Next(ThresholdState.AboveHigh, 29.5)); // within the hysteresis
        Assert.Equal(ThresholdState.AboveHigh, rule.Next(ThresholdState.AboveHigh, 29.01));
        Assert.Equal(ThresholdState.Normal, rule.Next(ThresholdState.AboveHigh, 29)); // high - hysteresis leaves
        Assert.Equal(ThresholdState.Normal, rule.Next(ThresholdState.Normal, 29.5)); // coming from below, inside is normal
    }

    [Fact]
    public void Below_low_is_entered_past_low_and_left_only_at_low_plus_hysteresis()
    {
        var rule = new ThresholdRule("t", null, Low: 10, High: 30, Hysteresis: 1);

        Assert.Equal(ThresholdState.Normal, rule.Next(ThresholdState.Normal, 10));
        Assert.Equal(ThresholdState.BelowLow, rule.Next(ThresholdState.Normal, 9.99));
        Assert.Equal(ThresholdState.BelowLow, rule.Next(ThresholdState.BelowLow, 10.99));
        Assert.Equal(ThresholdState.Normal, rule.Next(ThresholdState.BelowLow, 11));
    }

    [Fact]
    public void A_jump_from_one_side_to_the_other_enters_the_other_state()
    {
        var rule = new ThresholdRule("t", null, Low: 10, High: 30, Hysteresis: 1);

        Assert.Equal(ThresholdState.BelowLow, rule.Next(ThresholdState.AboveHigh, -5));
        Assert.Equal(ThresholdState.AboveHigh, rule.Next(ThresholdState.BelowLow, 50));
    }

    [Fact]
    public void A_state_whose_threshold_was_removed_returns_to_normal()
    {
        var lowOnly = new ThresholdRule("t", null, Low: 10, High: null, Hysteresis: 1);

        Assert.Equal(ThresholdState.Normal, lowOnly.Next(ThresholdState.AboveHigh, 1000));
    }

    [Fact]
    public void The_description_names_the_measure_the_value_and_the_threshold_with_their_unit()
    {
        var rule = new ThresholdRule("temperature", "°C", Low: 2, High: 30, Hysteresis: 1.4);

        Assert.Equal("temperature 31.2 °C is above the high threshold 30 °C", rule.Describe(ThresholdState.AboveHigh, 31.2));
        Assert.Equal("temperature -0.5 °C is below the low threshold 2 °C", rule.Describe(ThresholdState.BelowLow, -0.5));
        Assert.Equal("pressure 12.5 is above the high threshold 12", new ThresholdRule("pressure", null, null, 12, 0.6).Describe(ThresholdState.AboveHigh, 12.5));
    }

    [Fact]
    public void A_crossings_token_depends_on_device_measure_direction_and_reading_time_only()
    {
        var rule = new ThresholdRule("t", null, 10, 30, 1);
        var device = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        ThresholdTransition Crossing(Guid id, string measure, ThresholdState to, DateTimeOffset when, double value) =>
            new(Guid.NewGuid(), id, "dev-1", rule with { Measure = measure }, ThresholdState.Normal, to, when, value);

        var token = Crossing(device, "t", ThresholdState.AboveHigh, at, 31).Token;

        Assert.Equal(token, Crossing(device, "t", ThresholdState.AboveHigh, at, 35).Token);
        Assert.NotEqual(token, Crossing(Guid.NewGuid(), "t", ThresholdState.AboveHigh, at, 31).Token);
        Assert.NotEqual(token, Crossing(device, "h", ThresholdState.AboveHigh, at, 31).Token);
        Assert.NotEqual(token, Crossing(device, "t", ThresholdState.BelowLow, at, 31).Token);
        Assert.NotEqual(token, Crossing(device, "t", ThresholdState.AboveHigh, at.AddMilliseconds(1), 31).Token);
        Assert.InRange(token.Length, 1, 200);
    }
}
