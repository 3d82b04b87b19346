using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Sdk;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Readings;

/// <summary>
/// What a connector's sink hands <see cref="TelemetryIngestion"/> directly, which JSON cannot carry: values that are
/// not finite numbers.
/// </summary>
public sealed class TelemetryIngestionTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Values_that_are_not_finite_make_the_report_invalid_and_store_none_of_it()
    {
        var admin = server.Client();
        var instance = await Registry.InstanceAsync(admin);
        var device = await Registry.DeviceAsync(admin, instance.Id());
        var deviceId = (string)device["deviceId"]!;

        await using var scope = server.Services.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<TelemetryIngestion>().IngestAsync(
            instance.Id(),
            [
                new TelemetryReport(deviceId, BaseTime, new Dictionary<string, double> { ["t"] = double.NaN, ["h"] = 1 }),
                new TelemetryReport(deviceId, BaseTime.AddSeconds(1), new Dictionary<string, double> { ["t"] = double.PositiveInfinity }),
                new TelemetryReport(deviceId, BaseTime.AddSeconds(2), new Dictionary<string, double> { ["t"] = 2 }),
            ],
            CancellationToken.None);

        Assert.Equal([IngestionStatus.Invalid, IngestionStatus.Invalid, IngestionStatus.Stored], outcomes.Select(o => o.Status));
        Assert.True(outcomes[0].Errors!.ContainsKey("values.t"));
        Assert.Empty(await AllAsync(server, device.Id(), "h"));
        Assert.Equal([(BaseTime.AddSeconds(2), 2.0)], await AllAsync(server, device.Id(), "t"));
    }
}
