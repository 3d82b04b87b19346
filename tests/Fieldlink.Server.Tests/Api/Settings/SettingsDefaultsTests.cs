using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Settings;

/// <summary>
/// The documented defaults of IoT settings, on a store of its own: in <see cref="SettingsApiTests"/> it passed only
/// while xUnit happened to run it before the test that changes them.
/// </summary>
public sealed class SettingsDefaultsTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Settings_start_at_the_reference_defaults()
    {
        var settings = await (await _admin.GetAsync("/api/v1/settings")).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Null(settings["defaultProviderInstanceId"]);
        Assert.True((bool)settings["alertGroupingEnabled"]!);
        Assert.Empty(settings["alertGroupingFields"]!.AsArray());
        Assert.Equal("PT5M", (string)settings["alertGroupingWindow"]!);
        Assert.True((bool)settings["autoPullOnAlert"]!);
        Assert.False((bool)settings["scheduledPullsEnabled"]!);
        Assert.Equal("CommandName", (string)settings["commandNameProperty"]!);
        Assert.Equal("Parameters", (string)settings["commandParametersProperty"]!);
    }
}
