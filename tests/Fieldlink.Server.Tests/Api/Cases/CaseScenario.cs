using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Cases;

/// <summary>
/// What the case and work order tests start from: a device on a customer asset of an account, and groups of its
/// alerts, made through the one ingestion path (<see cref="AlertIngestion"/>, as a connector's sink would).
/// </summary>
public sealed class CaseScenario(FieldlinkServer server, JsonObject instance, JsonObject account, JsonObject asset)
{
    public Guid InstanceId => instance.Id();

    public Guid AccountId => account.Id();

    public Guid AssetId => asset.Id();

    /// <summary>A new scenario: its own instance, account and asset.</summary>
    public static async Task<CaseScenario> StartAsync(FieldlinkServer server)
    {
        var admin = server.Client();
        var instance = await Registry.InstanceAsync(admin);
        var account = await admin.CreateAsync("accounts", new { name = Registry.Unique("Contoso") });
        var asset = await admin.CreateAsync("customerAssets", new { name = Registry.Unique("Chiller"), accountId = account.Id() });
        return new CaseScenario(server, instance, account, asset);
    }

    /// <summary>A device of the asset.</summary>
    public async Task<JsonObject> DeviceAsync()
    {
        return await server.Client().CreateAsync("devices", new
        {
            providerInstanceId = InstanceId,
            name = Registry.Unique("Sensor"),
            deviceId = Registry.Unique("sensor"),
            customerAssetId = AssetId,
            accountId = AccountId,
        });
    }

    /// <summary>
    /// <paramref name="count"/> (at most 5) alerts of <paramref name="device"/> a minute apart, which group: the first is the parent.
    /// Returns their ids, parent first.
    /// </summary>
    public async Task<List<Guid>> GroupAsync(JsonObject device, int count, string description = "Compressor temperature high", AlertType type = AlertType.Anomaly)
    {
        // Ending a minute ago, so an alert that comes now is within the grouping window (5 minutes) of the group.
        var start = DateTimeOffset.UtcNow.AddMinutes(-count);
        var reports = Enumerable.Range(0, count)
            .Select(i => new AlertReport((string)device["deviceId"]!, description, type, start.AddMinutes(i), Token: Guid.NewGuid().ToString("N")))
            .ToList();
        var outcomes = await IngestAsync(reports);
        var ids = outcomes.Select(o => o.RecordId!.Value).ToList();
        Assert.All(outcomes.Skip(1), o => Assert.Equal(ids[0], o.ParentId));
        return ids;
    }

    /// <summary>One more alert of <paramref name="device"/>, now.</summary>
    public async Task<Core.Ingestion.IngestionOutcome> AlertAsync(JsonObject device, string description = "Compressor temperature high") =>
        (await IngestAsync([new AlertReport((string)device["deviceId"]!, description, Token: Guid.NewGuid().ToString("N"))]))[0];

    public async Task<Alert> ReadAlertAsync(Guid id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Alerts.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<CustomerAsset> ReadAssetAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().CustomerAssets.AsNoTracking().SingleAsync(a => a.Id == AssetId);
    }

    /// <summary>Changes an alert behind the API's back, as the alerts API or a person would.</summary>
    public async Task SetAlertAsync(Guid id, AlertStatus status, AlertStatusReason reason)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Alerts.Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status).SetProperty(a => a.StatusReason, reason));
    }

    /// <summary>Spoils the asset's rollups, so a test sees that a change counted them again.</summary>
    public async Task SpoilRollupsAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().CustomerAssets.Where(a => a.Id == AssetId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActiveAlertCount, 42));
    }

    /// <summary>Creates a case from <paramref name="alertId"/> and returns it; fails unless 201.</summary>
    public static async Task<JsonObject> CaseAsync(HttpClient client, Guid alertId, object? body = null)
    {
        var response = await client.PostJsonAsync($"/api/v1/alerts/{alertId}/case", body ?? new { });
        return await response.ReadObjectAsync(HttpStatusCode.Created);
    }

    /// <summary>Creates a work order for <paramref name="caseId"/> and returns it; fails unless 201.</summary>
    public static async Task<JsonObject> WorkOrderAsync(HttpClient client, Guid caseId, object? body = null)
    {
        var response = await client.PostJsonAsync($"/api/v1/cases/{caseId}/workOrder", body ?? new { });
        return await response.ReadObjectAsync(HttpStatusCode.Created);
    }

    /// <summary>Patches a record's status and returns it; fails unless 200.</summary>
    public static async Task<JsonObject> MoveAsync(HttpClient client, string collection, Guid id, string status) =>
        await (await client.PatchJsonAsync($"/api/v1/{collection}/{id}", new { status })).ReadObjectAsync(HttpStatusCode.OK);

    private async Task<IReadOnlyList<Core.Ingestion.IngestionOutcome>> IngestAsync(IReadOnlyList<AlertReport> reports)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<AlertIngestion>().IngestAsync(InstanceId, reports, CancellationToken.None);
        Assert.All(outcomes, o => Assert.Equal(Core.Ingestion.IngestionStatus.Created, o.Status));
        return outcomes;
    }
}
