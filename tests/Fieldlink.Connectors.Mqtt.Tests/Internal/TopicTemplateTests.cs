using Fieldlink.Connectors.Mqtt.Internal;

namespace Fieldlink.Connectors.Mqtt.Tests.Internal;

public sealed class TopicTemplateTests
{
    [Fact]
    public void A_template_gives_its_filter_its_topics_and_reads_them_back()
    {
        var template = new TopicTemplate("plant/{deviceId}/cmd/{commandId}/ack");
        var command = Guid.NewGuid();

        Assert.Equal("plant/+/cmd/+/ack", template.Filter);
        Assert.Equal($"plant/pump-1/cmd/{command}/ack", template.Format("pump-1", command));
        Assert.True(template.TryMatch($"plant/pump-1/cmd/{command}/ack", out var deviceId, out var commandId));
        Assert.Equal(("pump-1", command.ToString()), (deviceId, commandId));
        Assert.False(template.TryMatch($"plant/pump-1/cmd/{command}", out _, out _));
        Assert.False(template.TryMatch($"other/pump-1/cmd/{command}/ack", out _, out _));
    }

    [Theory]
    [InlineData("devices/+/telemetry", "wildcards")]
    [InlineData("devices/#", "wildcards")]
    [InlineData("$SYS/{deviceId}", "start with $")]
    [InlineData("devices/telemetry", "must hold {deviceId} once")]
    [InlineData("devices/{deviceId}/{deviceId}", "must hold {deviceId} once")]
    [InlineData("devices/dev-{deviceId}/telemetry", "must hold {deviceId} once")]
    [InlineData("devices/{deviceId}/{sensor}", "'{sensor}'")]
    [InlineData("", "1 to 200 characters")]
    public void A_template_that_cannot_be_used_says_why(string template, string expected)
    {
        var problem = TopicTemplate.Check(template, [TopicTemplate.DeviceId]);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_topics_are_valid() =>
        Assert.Empty(new MqttSettings().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new MqttSettings())));

    [Fact]
    public void Reconnect_waits_grow_with_jitter_up_to_the_longest_and_start_again_after_a_reset()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), new Random(7));
        var waits = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        double[] ceilings = [100, 200, 400, 800, 1000, 1000, 1000, 1000];
        Assert.All(waits.Zip(ceilings), w => Assert.InRange(w.First, w.Second / 2, w.Second));
        Assert.True(waits.Distinct().Count() > 4, "The waits are jittered, not all the same.");
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }
}
