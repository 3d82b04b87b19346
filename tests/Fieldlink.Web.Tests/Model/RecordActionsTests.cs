using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Cases;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Sdk;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Api.Cases;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// What the case and work order pages do and read, called as a page calls them, on a real server: each action asks the
/// person's role first (a Technician's is refused and nothing is written), a move the Core refuses comes back in the
/// Core's words, and the lists and record pages name what they refer to.
/// </summary>
public abstract class RecordActionsTests(FieldlinkServer server)
{
    private static readonly ClaimsPrincipal Technician = Person(PersonRoles.Technician);
    private static readonly ClaimsPrincipal Dispatcher = Person(PersonRoles.Dispatcher);

    private readonly HttpClient _admin = server.Client();

    private CaseActions CaseActions => server.Services.GetRequiredService<CaseActions>();

    private WorkOrderActions WorkOrderActions => server.Services.GetRequiredService<WorkOrderActions>();

    private RecordDetails Details => server.Services.GetRequiredService<RecordDetails>();

    [Fact]
    public async Task A_technician_may_neither_move_a_case_nor_make_its_work_order_nor_move_a_work_order()
    {
        var (_, caseId) = await CaseAsync();
        var order = await CaseScenario.WorkOrderAsync(_admin, caseId);

        var resolve = await CaseActions.MoveAsync(Technician, caseId, CaseStatus.Canceled, CancellationToken.None);
        var create = await CaseActions.CreateWorkOrderAsync(Technician, caseId, "Go and look", CancellationToken.None);
        var schedule = await WorkOrderActions.MoveAsync(Technician, order.Id(), WorkOrderStatus.Scheduled, CancellationToken.None);

        Assert.All([resolve, create, schedule], reply =>
        {
            Assert.False(reply.Succeeded);
            Assert.Contains("Your role may read but not change this", reply.Message, StringComparison.Ordinal);
        });
        var detail = (await Details.CaseAsync(caseId, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Active, detail.Case.Status);
        Assert.Equal(WorkOrderStatus.Unscheduled, Assert.Single(detail.WorkOrders).Status);
    }

    [Fact]
    public async Task A_dispatcher_moves_a_case_to_a_work_order_which_then_comes_from_the_case_its_alert_and_device()
    {
        var (scenario, caseId) = await CaseAsync();

        var created = await CaseActions.CreateWorkOrderAsync(Dispatcher, caseId, "  Check the compressor  ", CancellationToken.None);

        Assert.True(created.Succeeded, created.Message);
        Assert.StartsWith("Work order WO-", created.Message, StringComparison.Ordinal);
        var order = (await Details.WorkOrderAsync(created.Id!.Value, CancellationToken.None))!;
        var source = (await Details.CaseAsync(caseId, CancellationToken.None))!;
        Assert.Equal("Check the compressor", order.WorkOrder.Instructions);
        Assert.Equal(source.Case.Number, order.CaseNumber);
        Assert.Equal(source.Case.AlertId, order.Alert!.Id);
        Assert.Equal(scenario.DeviceName, order.Alert.Device);
        Assert.Equal(scenario.DeviceRecordId, order.Alert.DeviceRecordId);
        Assert.Equal(created.Id, Assert.Single(source.WorkOrders).Id);

        var scheduled = await WorkOrderActions.MoveAsync(Dispatcher, created.Id.Value, WorkOrderStatus.Scheduled, CancellationToken.None);

        Assert.True(scheduled.Succeeded, scheduled.Message);
        var moved = (await Details.WorkOrderAsync(created.Id.Value, CancellationToken.None))!;
        Assert.Equal(WorkOrderStatus.Scheduled, moved.WorkOrder.Status);
        Assert.NotNull(moved.WorkOrder.ScheduledAt);
        Assert.Equal([WorkOrderStatus.InProgress, WorkOrderStatus.Canceled], moved.NextStatuses);
    }

    [Fact]
    public async Task A_move_the_Core_refuses_comes_back_in_its_words_and_changes_nothing()
    {
        var (_, caseId) = await CaseAsync();
        var order = await CaseScenario.WorkOrderAsync(_admin, caseId);

        var skip = await WorkOrderActions.MoveAsync(Dispatcher, order.Id(), WorkOrderStatus.Completed, CancellationToken.None);
        var resolve = await CaseActions.MoveAsync(Dispatcher, caseId, CaseStatus.Resolved, CancellationToken.None);

        Assert.False(skip.Succeeded);
        Assert.Contains("A work order cannot go from Unscheduled to Completed", skip.Message, StringComparison.Ordinal);
        Assert.Contains("From Unscheduled it can go to Scheduled or Canceled.", skip.Message, StringComparison.Ordinal);
        Assert.False(resolve.Succeeded);
        Assert.Contains("while it has open work orders", resolve.Message, StringComparison.Ordinal);
        var detail = (await Details.CaseAsync(caseId, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Active, detail.Case.Status);
        Assert.Equal(WorkOrderStatus.Unscheduled, Assert.Single(detail.WorkOrders).Status);
    }

    [Fact]
    public async Task A_resolved_case_gets_no_work_order_until_it_is_reopened()
    {
        var (_, caseId) = await CaseAsync();
        Assert.True((await CaseActions.MoveAsync(Dispatcher, caseId, CaseStatus.Resolved, CancellationToken.None)).Succeeded);

        var refused = await CaseActions.CreateWorkOrderAsync(Dispatcher, caseId, null, CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Contains("work orders are made only for an active case. Reopen it first", refused.Message, StringComparison.Ordinal);
        var detail = (await Details.CaseAsync(caseId, CancellationToken.None))!;
        Assert.False(detail.MayGetWorkOrder);
        Assert.Equal([CaseStatus.Active], detail.NextStatuses);
        Assert.Empty(detail.WorkOrders);
    }

    [Fact]
    public async Task Case_list_finds_a_case_by_its_number_with_its_alert_device_and_asset_named()
    {
        var (scenario, caseId) = await CaseAsync();
        var number = (await Details.CaseAsync(caseId, CancellationToken.None))!.Case.Number;

        var page = await server.Services.GetRequiredService<CaseList>().LoadAsync(new CaseListQuery { Search = number.ToLowerInvariant() }, CancellationToken.None);

        var row = Assert.Single(page.Rows);
        Assert.Equal(1, page.Total);
        Assert.Equal(caseId, row.Id);
        Assert.Equal("Compressor temperature high", row.Alert);
        Assert.Equal(scenario.DeviceName, row.Device);
        Assert.Equal(scenario.Scenario.AssetId, row.CustomerAssetId);
        Assert.NotNull(row.CustomerAsset);
        Assert.NotNull(row.Account);
    }

    [Fact]
    public async Task Asset_page_has_its_devices_rollups_alerts_and_commands()
    {
        var (scenario, _) = await CaseAsync();
        var other = await scenario.Scenario.DeviceAsync();
        await scenario.Scenario.AlertAsync(other, "Fan stopped");
        var command = await _admin.PostJsonAsync($"/api/v1/devices/{other.Id()}/commands", new { name = "Reset" });
        Assert.True(command.IsSuccessStatusCode, await command.Content.ReadAsStringAsync());

        var asset = (await Details.AssetAsync(scenario.Scenario.AssetId, CancellationToken.None))!;

        Assert.Equal(2, asset.Devices.Count);
        Assert.Contains(asset.Devices, d => d.Id == scenario.DeviceRecordId);
        Assert.Equal(2, asset.Registration.Devices);
        Assert.Equal(2, asset.AlertTotal);
        Assert.Equal("Fan stopped", asset.Alerts[0].Description);
        Assert.Equal(2, asset.Asset.ActiveAlertCount);
        Assert.Equal(asset.Alerts[0].AlertTime, asset.Asset.LastAlertAt);
        var sent = Assert.Single(asset.Commands);
        Assert.Equal(("Reset", other.Id()), (sent.Name, sent.DeviceRecordId));
        Assert.Equal(sent.QueuedAt, asset.LastCommandAt);

        var row = Assert.Single((await server.Services.GetRequiredService<AssetList>()
            .LoadAsync(new AssetListQuery { AccountId = scenario.Scenario.AccountId }, CancellationToken.None)).Rows);
        Assert.Equal((2, true, sent.QueuedAt), (row.ActiveAlertCount, row.HasActiveAlerts, row.LastCommandAt));
    }

    private async Task<(Source Source, Guid CaseId)> CaseAsync()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var alert = (await scenario.GroupAsync(device, 1))[0];
        var created = await CaseScenario.CaseAsync(_admin, alert);
        return (new Source(scenario, device.Id(), (string)device["name"]!), created.Id());
    }

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.com"), new Claim(ClaimTypes.Role, role)], "test"));

    private sealed record Source(CaseScenario Scenario, Guid DeviceRecordId, string DeviceName);
}

public sealed class RecordActionsOnSqliteTests(SqliteServer server) : RecordActionsTests(server), IClassFixture<SqliteServer>;

public sealed class RecordActionsOnPostgresTests(PostgresServer server) : RecordActionsTests(server), IClassFixture<PostgresServer>;
