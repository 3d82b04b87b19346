using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

public sealed class DeviceDetailsTests
{
    [Fact]
    public void Reported_properties_are_key_value_rows_nested_objects_under_dotted_keys()
    {
        var rows = DeviceDetails.Properties("""
            {"temperature": 21.5, "mode": "eco", "online": true, "firmware": {"version": "2.4.2", "channel": {"name": "stable"}},
             "zones": [1, 2], "empty": {}, "missing": null}
            """);

        Assert.Equal(
            [
                new("temperature", "21.5"), new("mode", "eco"), new("online", "true"), new("firmware.version", "2.4.2"),
                new("firmware.channel.name", "stable"), new("zones", "[1,2]"), new("empty", "{}"), new KeyValuePair<string, string>("missing", "null"),
            ],
            rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public void Properties_that_are_not_a_json_object_show_as_none(string json) => Assert.Empty(DeviceDetails.Properties(json));
}
