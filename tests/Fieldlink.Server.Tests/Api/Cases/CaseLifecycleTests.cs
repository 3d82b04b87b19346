using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Cases;

/// <summary>
/// Resolving, canceling and reopening a case, and what each does to the alerts it covers, their rollups and its work
/// orders, on both databases.
/// </summary>
public abstract class CaseLifecycleTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Resolving_a_case_closes_its_open_alerts_and_reopening_it_reopens_only_those()
    {
        var (scenario, group, created) = await CaseWithGroupAsync(closeLastFirst: true);

        var resolved = await CaseScenario.MoveAsync(_admin, "cases", created.Id(), "Resolved");

        Assert.NotNull(resolved["resolvedAt"]);
        foreach (var id in group[..2])
        {
            var alert = await scenario.ReadAlertAsync(id);
            Assert.Equal((AlertStatus.Closed, AlertStatusReason.CaseResolved), (alert.Status, alert.StatusReason));
        }

        Assert.Equal(0, (await scenario.ReadAssetAsync()).ActiveAlertCount);
        await scenario.SpoilRollupsAsync();

        var reopened = await CaseScenario.MoveAsync(_admin, "cases", created.Id(), "Active");

        Assert.Null(reopened["resolvedAt"]);
        foreach (var id in group[..2])
        {
            var alert = await scenario.ReadAlertAsync(id);
            Assert.Equal((AlertStatus.InProgress, AlertStatusReason.Reopened), (alert.Status, alert.StatusReason));
        }

        var closedBefore = await scenario.ReadAlertAsync(group[2]);
        Assert.Equal((AlertStatus.Closed, AlertStatusReason.Manual), (closedBefore.Status, closedBefore.StatusReason));
        Assert.Equal(1, (await scenario.ReadAssetAsync()).ActiveAlertCount);
    }

    [Fact]
    public async Task A_canceled_case_refuses_work_orders_gives_its_alerts_back_and_is_final()
    {
        var (scenario, group, created) = await CaseWithGroupAsync();
        await scenario.SpoilRollupsAsync();

        var canceled = await CaseScenario.MoveAsync(_admin, "cases", created.Id(), "Canceled");

        Assert.NotNull(canceled["canceledAt"]);
        Assert.Null(canceled["resolvedAt"]);
        foreach (var id in group)
        {
            var alert = await scenario.ReadAlertAsync(id);
            Assert.Equal((AlertStatus.Active, AlertStatusReason.CaseCanceled), (alert.Status, alert.StatusReason));
        }

        Assert.Equal(1, (await scenario.ReadAssetAsync()).ActiveAlertCount);
        var refused = await (await _admin.PostJsonAsync($"/api/v1/cases/{created.Id()}/workOrder", new { })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Canceled", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.Contains((string)created["number"]!, (string)refused["detail"]!, StringComparison.Ordinal);
        var final = await (await _admin.PatchJsonAsync($"/api/v1/cases/{created.Id()}", new { status = "Active" })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("from Canceled to Active", (string)final["detail"]!, StringComparison.Ordinal);
        var list = await (await _admin.GetAsync($"/api/v1/cases/{created.Id()}/workOrders?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);

        // Nobody is on the alerts now: a new case may be made for them, and it links the group again.
        var again = await CaseScenario.CaseAsync(_admin, group[1]);
        Assert.All(await Task.WhenAll(group.Select(scenario.ReadAlertAsync)), a => Assert.Equal(again.Id(), a.CaseId));
    }

    [Fact]
    public async Task A_resolved_case_refuses_work_orders_until_it_is_reopened()
    {
        var (_, _, created) = await CaseWithGroupAsync();
        await CaseScenario.MoveAsync(_admin, "cases", created.Id(), "Resolved");

        var refused = await (await _admin.PostJsonAsync($"/api/v1/cases/{created.Id()}/workOrder", new { })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Resolved", (string)refused["detail"]!, StringComparison.Ordinal);

        await CaseScenario.MoveAsync(_admin, "cases", created.Id(), "Active");
        await CaseScenario.WorkOrderAsync(_admin, created.Id());
    }

    [Theory]
    [InlineData("Resolved")]
    [InlineData("Canceled")]
    public async Task A_case_with_open_work_orders_is_neither_resolved_nor_canceled(string status)
    {
        var (scenario, group, created) = await CaseWithGroupAsync();
        var done = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        var open = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        foreach (var step in new[] { "Scheduled", "InProgress", "Completed" })
        {
            await CaseScenario.MoveAsync(_admin, "workOrders", done.Id(), step);
        }

        await CaseScenario.MoveAsync(_admin, "workOrders", open.Id(), "Scheduled");

        var problem = await (await _admin.PatchJsonAsync($"/api/v1/cases/{created.Id()}", new { status })).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains((string)open["number"]!, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain((string)done["number"]!, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(open.Id(), Guid.Parse((string)problem["workOrderId"]!));
        Assert.Equal("Active", (string)(await (await _admin.GetAsync($"/api/v1/cases/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK))["status"]!);
        Assert.Equal(AlertStatus.InProgress, (await scenario.ReadAlertAsync(group[0])).Status);

        await CaseScenario.MoveAsync(_admin, "workOrders", open.Id(), "Canceled");
        Assert.Equal(status, (string)(await CaseScenario.MoveAsync(_admin, "cases", created.Id(), status))["status"]!);
    }

    [Fact]
    public async Task A_resolved_case_is_not_reopened_once_its_alerts_have_another_active_case()
    {
        var (scenario, group, created) = await CaseWithGroupAsync();
        await CaseScenario.MoveAsync(_admin, "cases", created.Id(), "Resolved");

        // The problem came back: a person reopens the alert, and a new case is made for it.
        await scenario.SetAlertAsync(group[0], AlertStatus.Active, AlertStatusReason.Reopened);
        var second = await CaseScenario.CaseAsync(_admin, group[0]);

        var problem = await (await _admin.PatchJsonAsync($"/api/v1/cases/{created.Id()}", new { status = "Active" })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains((string)second["number"]!, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(second.Id(), Guid.Parse((string)problem["caseId"]!));
    }

    [Fact]
    public async Task Concurrent_work_orders_and_cancel_never_leave_an_open_work_order_on_a_canceled_case()
    {
        var (_, _, created) = await CaseWithGroupAsync();

        var orders = Enumerable.Range(0, 4).Select(_ => server.Client().PostJsonAsync($"/api/v1/cases/{created.Id()}/workOrder", new { })).ToList();
        var cancel = server.Client().PatchJsonAsync($"/api/v1/cases/{created.Id()}", new { status = "Canceled" });
        var made = await Task.WhenAll(orders);
        var canceled = await cancel;

        var list = await (await _admin.GetAsync($"/api/v1/cases/{created.Id()}/workOrders?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        var count = made.Count(o => o.StatusCode == HttpStatusCode.Created);
        Assert.Equal(count, (int)list["@odata.count"]!);
        Assert.All(made, o => Assert.Contains(o.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        if (canceled.StatusCode == HttpStatusCode.OK)
        {
            // Canceled first: every work order after it was refused.
            Assert.Equal(0, count);
        }
        else
        {
            // A work order came first: the cancel was refused, naming it.
            await canceled.ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.True(count > 0);
        }
    }

    /// <summary>A group of three alerts (the last closed by a person first, if asked) and a case made from its parent.</summary>
    private async Task<(CaseScenario Scenario, List<Guid> Group, JsonObject Case)> CaseWithGroupAsync(bool closeLastFirst = false)
    {
        var scenario = await CaseScenario.StartAsync(server);
        var group = await scenario.GroupAsync(await scenario.DeviceAsync(), 3);
        if (closeLastFirst)
        {
            await scenario.SetAlertAsync(group[2], AlertStatus.Closed, AlertStatusReason.Manual);
        }

        return (scenario, group, await CaseScenario.CaseAsync(_admin, group[0]));
    }
}

public sealed class CaseLifecycleOnSqliteTests(SqliteServer server) : CaseLifecycleTests(server), IClassFixture<SqliteServer>;

public sealed class CaseLifecycleOnPostgresTests(PostgresServer server) : CaseLifecycleTests(server), IClassFixture<PostgresServer>;
