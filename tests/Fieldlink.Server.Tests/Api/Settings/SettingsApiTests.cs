using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Settings;

/// <summary>The one record of IoT settings: its changes and its checks. A server of its own, since it changes them.</summary>
public sealed class SettingsApiTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Patch_changes_the_given_settings_and_keeps_the_others()
    {
        var before = await (await _admin.GetAsync("/api/v1/settings")).ReadObjectAsync(HttpStatusCode.OK);
        var updated = await (await _admin.PatchJsonAsync("/api/v1/settings", new { alertGroupingFields = new[] { "device", "alertType" }, alertGroupingWindow = "PT1M" })).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal(["device", "alertType"], updated["alertGroupingFields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal("PT1M", (string)updated["alertGroupingWindow"]!);
        Assert.Equal((string)before["commandNameProperty"]!, (string)updated["commandNameProperty"]!);
        var read = await (await _admin.GetAsync("/api/v1/settings")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("PT1M", (string)read["alertGroupingWindow"]!);
    }

    [Theory]
    [InlineData("{\"alertGroupingFields\": [\"colour\"]}", "alertGroupingFields")]
    [InlineData("{\"alertGroupingWindow\": \"five minutes\"}", "alertGroupingWindow")]
    [InlineData("{\"alertGroupingWindow\": \"PT0S\"}", "alertGroupingWindow")]
    [InlineData("{\"scheduledPullInterval\": \"PT1S\"}", "scheduledPullInterval")]
    [InlineData("{\"commandNameProperty\": \"\"}", "commandNameProperty")]
    [InlineData("{\"defaultProviderInstanceId\": \"6a1f4bb5-4a53-4bd4-9a0d-94f37d8f3c11\"}", "defaultProviderInstanceId")]
    [InlineData("{\"autoPullOnAlert\": \"yes\"}", "autoPullOnAlert")]
    public async Task A_bad_setting_is_400_naming_it_and_changes_nothing(string patch, string field)
    {
        var before = await (await _admin.GetAsync("/api/v1/settings")).Content.ReadAsStringAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/settings") { Content = new StringContent(patch, System.Text.Encoding.UTF8, "application/merge-patch+json") };

        await (await _admin.SendAsync(request)).ReadFieldErrorAsync(field);

        Assert.Equal(before, await (await _admin.GetAsync("/api/v1/settings")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stale_if_match_is_412()
    {
        var etag = (await _admin.GetAsync("/api/v1/settings")).Headers.ETag!.Tag;
        await (await _admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = false }, ifMatch: etag)).ReadObjectAsync(HttpStatusCode.OK);
        await (await _admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = true }, ifMatch: etag)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
    }
}
