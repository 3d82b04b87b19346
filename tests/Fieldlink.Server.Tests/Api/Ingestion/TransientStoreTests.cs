using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Api.Connectors;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Ingestion;

/// <summary>
/// Issue 9: a store failure that passes (a timeout, a deadlock between concurrent batches) is no 500. An ingestion batch
/// it rolled back is tried again in the request; one the store still cannot take is answered 503 with Retry-After, and
/// nothing of it is stored. The database's commands are made to time out by an interceptor; both databases.
/// </summary>
public abstract class TransientStoreTests(FailingStoreServer server)
{
    private readonly HttpClient _admin = server.Server.Client();

    [Fact]
    public async Task A_batch_the_store_failed_once_in_a_way_that_passes_is_tried_again_and_stored()
    {
        var (instance, deviceId, marker) = await DeviceAsync();
        server.Faults.TimeOut(marker, 1);

        var results = await (await PostStateAsync(instance, deviceId, marker)).ReadResultsAsync();

        Assert.Equal("stored", (string)results[0]!["status"]!);
        Assert.Equal(marker, await FirmwareAsync(instance, deviceId));
    }

    [Fact]
    public async Task A_batch_the_store_keeps_failing_in_a_way_that_passes_is_503_with_retry_after_and_stores_nothing()
    {
        var (instance, deviceId, marker) = await DeviceAsync();
        server.Faults.TimeOut(marker, 100);

        var response = await PostStateAsync(instance, deviceId, marker);
        server.Faults.TimeOut(marker, 0);

        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("Try again", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Null(await FirmwareAsync(instance, deviceId));
    }

    private async Task<(Guid Instance, string DeviceId, string Marker)> DeviceAsync()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        return (instance.Id(), (string)device["deviceId"]!, "firmware-" + Guid.NewGuid().ToString("N"));
    }

    private Task<HttpResponseMessage> PostStateAsync(Guid instance, string deviceId, string marker) =>
        _admin.PostJsonAsync($"/api/v1/ingest/state?instance={instance}", new[] { new { deviceId, reportedProperties = new { firmware = marker } } });

    private async Task<string?> FirmwareAsync(Guid instance, string deviceId)
    {
        var list = await (await _admin.GetAsync($"/api/v1/devices?$filter=providerInstanceId eq {instance} and deviceId eq '{deviceId}'")).ReadObjectAsync(HttpStatusCode.OK);
        return (string?)Assert.Single(list["value"]!.AsArray())!["reportedProperties"]?["firmware"];
    }
}

public sealed class TransientStoreOnSqliteTests(FailingSqliteServer server) : TransientStoreTests(server), IClassFixture<FailingSqliteServer>;

public sealed class TransientStoreOnPostgresTests(FailingPostgresServer server) : TransientStoreTests(server), IClassFixture<FailingPostgresServer>;
