using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fieldlink.Core.Alerts;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Cases;

/// <summary>Alert → case, on both databases: the whole group linked in one transaction, one active case per group.</summary>
public abstract partial class CasesTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_case_from_a_child_alert_links_the_whole_group_and_puts_its_open_alerts_in_progress()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var group = await scenario.GroupAsync(device, 3, "Compressor temperature high");
        var (parent, child, closedChild) = (group[0], group[1], group[2]);
        var other = (await scenario.AlertAsync(await scenario.DeviceAsync(), "Door open")).RecordId!.Value;
        await scenario.SetAlertAsync(closedChild, AlertStatus.Closed, AlertStatusReason.Manual);
        await scenario.SpoilRollupsAsync();
        var dispatcher = server.Client(await Registry.KeyAsync(_admin, "Dispatcher"));

        var response = await dispatcher.PostJsonAsync($"/api/v1/alerts/{child}/case", new { priority = "High" });

        var created = await response.ReadObjectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/cases/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Matches(CaseNumber(), (string)created["number"]!);
        Assert.Equal("Compressor temperature high", (string)created["title"]!);
        Assert.Equal("Compressor temperature high", (string)created["description"]!);
        Assert.Equal(child, Guid.Parse((string)created["alertId"]!));
        Assert.Equal(scenario.AccountId, Guid.Parse((string)created["accountId"]!));
        Assert.Equal(scenario.AssetId, Guid.Parse((string)created["customerAssetId"]!));
        Assert.Equal("Active", (string)created["status"]!);
        Assert.Equal("High", (string)created["priority"]!);
        Assert.Null(created["resolvedAt"]);

        foreach (var id in new[] { parent, child })
        {
            var alert = await scenario.ReadAlertAsync(id);
            Assert.Equal(created.Id(), alert.CaseId);
            Assert.Equal((AlertStatus.InProgress, AlertStatusReason.CaseCreated), (alert.Status, alert.StatusReason));
        }

        var closed = await scenario.ReadAlertAsync(closedChild);
        Assert.Equal(created.Id(), closed.CaseId);
        Assert.Equal((AlertStatus.Closed, AlertStatusReason.Manual), (closed.Status, closed.StatusReason));
        var untouched = await scenario.ReadAlertAsync(other);
        Assert.Null(untouched.CaseId);
        Assert.Equal(AlertStatus.Active, untouched.Status);

        // Counted again in the same transaction: the group's parent (in progress) and the other device's alert.
        Assert.Equal(2, (await scenario.ReadAssetAsync()).ActiveAlertCount);
    }

    [Fact]
    public async Task Title_defaults_to_the_description_and_priority_to_Normal_and_a_body_is_optional()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var first = (await scenario.AlertAsync(device, "Low refrigerant")).RecordId!.Value;
        var second = (await scenario.AlertAsync(await scenario.DeviceAsync(), "Fan stalled")).RecordId!.Value;

        var withoutBody = await (await _admin.PostAsync($"/api/v1/alerts/{first}/case", null)).ReadObjectAsync(HttpStatusCode.Created);
        var titled = await CaseScenario.CaseAsync(_admin, second, new { title = "Fan on unit 4" });

        Assert.Equal(("Low refrigerant", "Normal"), ((string)withoutBody["title"]!, (string)withoutBody["priority"]!));
        Assert.Equal(("Fan on unit 4", "Fan stalled"), ((string)titled["title"]!, (string)titled["description"]!));
        Assert.NotEqual((string)withoutBody["number"]!, (string)titled["number"]!);
    }

    [Fact]
    public async Task A_bad_case_request_is_400_or_404_and_creates_nothing()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var alert = (await scenario.AlertAsync(await scenario.DeviceAsync())).RecordId!.Value;

        await (await _admin.PostJsonAsync($"/api/v1/alerts/{alert}/case", new { title = new string('x', 201) })).ReadFieldErrorAsync("title");
        await (await _admin.PostJsonAsync($"/api/v1/alerts/{alert}/case", new { priority = "Urgent" })).ReadFieldErrorAsync("priority");
        await (await _admin.PostJsonAsync($"/api/v1/alerts/{alert}/case", new { status = "Resolved" })).ReadFieldErrorAsync("status");
        var missing = await (await _admin.PostJsonAsync($"/api/v1/alerts/{Guid.NewGuid()}/case", new { })).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("alert", (string)missing["detail"]!, StringComparison.Ordinal);

        Assert.Null((await scenario.ReadAlertAsync(alert)).CaseId);
        var list = await (await _admin.GetAsync($"/api/v1/cases?$filter=alertId eq {alert}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task A_second_case_for_any_alert_of_a_group_with_an_active_case_is_409_naming_it()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var group = await scenario.GroupAsync(await scenario.DeviceAsync(), 2);
        var first = await CaseScenario.CaseAsync(_admin, group[0]);

        foreach (var alert in group)
        {
            var problem = await (await _admin.PostJsonAsync($"/api/v1/alerts/{alert}/case", new { })).ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains((string)first["number"]!, (string)problem["detail"]!, StringComparison.Ordinal);
            Assert.Equal(first.Id(), Guid.Parse((string)problem["caseId"]!));
        }

        var list = await (await _admin.GetAsync($"/api/v1/cases?$filter=customerAssetId eq {scenario.AssetId}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task Concurrent_requests_for_alerts_of_one_group_make_exactly_one_case()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var group = await scenario.GroupAsync(await scenario.DeviceAsync(), 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => server.Client().PostJsonAsync($"/api/v1/alerts/{group[i % 2]}/case", new { })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var created = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ReadObjectAsync(HttpStatusCode.Created);
        Assert.All(await Task.WhenAll(group.Select(scenario.ReadAlertAsync)), a => Assert.Equal(created.Id(), a.CaseId));
        var list = await (await _admin.GetAsync($"/api/v1/cases?$filter=customerAssetId eq {scenario.AssetId}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task Concurrent_cases_and_work_orders_get_distinct_numbers_people_can_say()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var alerts = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            alerts.Add((await scenario.AlertAsync(await scenario.DeviceAsync())).RecordId!.Value);
        }

        var cases = await Task.WhenAll(alerts.Select(a => CaseScenario.CaseAsync(server.Client(), a)));
        var workOrders = await Task.WhenAll(cases.Select(c => CaseScenario.WorkOrderAsync(server.Client(), c.Id())));

        Assert.Equal(8, cases.Select(c => (string)c["number"]!).Distinct().Count());
        Assert.All(cases, c => Assert.Matches(CaseNumber(), (string)c["number"]!));
        Assert.Equal(8, workOrders.Select(w => (string)w["number"]!).Distinct().Count());
        Assert.All(workOrders, w => Assert.Matches(WorkOrderNumber(), (string)w["number"]!));
    }

    [Fact]
    public async Task An_alert_that_joins_a_group_with_a_case_is_linked_to_the_case_and_in_progress()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var group = await scenario.GroupAsync(device, 1);
        var created = await CaseScenario.CaseAsync(_admin, group[0]);

        var late = await scenario.AlertAsync(device);

        Assert.Equal(group[0], late.ParentId);
        var alert = await scenario.ReadAlertAsync(late.RecordId!.Value);
        Assert.Equal(created.Id(), alert.CaseId);
        Assert.Equal((AlertStatus.InProgress, AlertStatusReason.CaseCreated), (alert.Status, alert.StatusReason));
    }

    [Fact]
    public async Task Cases_are_a_collection_with_OData_ETags_and_merge_patch()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var created = await CaseScenario.CaseAsync(_admin, (await scenario.AlertAsync(await scenario.DeviceAsync())).RecordId!.Value);
        var url = $"/api/v1/cases/{created.Id()}";
        var read = await _admin.GetAsync(url);
        await read.ReadObjectAsync(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag;

        var patched = await _admin.PatchJsonAsync(url, new { title = "Chiller 7 runs hot", priority = "Low", description = (string?)null }, etag);

        var body = await patched.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(("Chiller 7 runs hot", "Low", "Active"), ((string)body["title"]!, (string)body["priority"]!, (string)body["status"]!));
        Assert.Null(body["description"]);
        Assert.NotEqual(etag, patched.Headers.ETag!.Tag);
        await (await _admin.PatchJsonAsync(url, new { priority = "High" }, etag)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await _admin.PatchJsonAsync(url, new { number = "CAS-999999" })).ReadFieldErrorAsync("number");
        await (await _admin.PatchJsonAsync(url, new { title = "" })).ReadFieldErrorAsync("title");
        await (await _admin.PatchJsonAsync(url, new { customerAssetId = Guid.NewGuid() })).ReadFieldErrorAsync("customerAssetId");
        await (await _admin.PatchJsonAsync($"/api/v1/cases/{Guid.NewGuid()}", new { priority = "High" })).ReadProblemAsync(HttpStatusCode.NotFound);

        var page = await (await _admin.GetAsync($"/api/v1/cases?$filter=priority eq 'Low' and customerAssetId eq {scenario.AssetId}&$select=number,title&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)page["@odata.count"]!);
        var only = page["value"]!.AsArray().Single()!.AsObject();
        Assert.Equal(new[] { "number", "title" }, only.Select(p => p.Key).Order());
        Assert.Equal("Chiller 7 runs hot", (string)only["title"]!);
    }

    [GeneratedRegex(@"^CAS-\d{6}$")]
    internal static partial Regex CaseNumber();

    [GeneratedRegex(@"^WO-\d{6}$")]
    internal static partial Regex WorkOrderNumber();
}

public sealed class CasesOnSqliteTests(SqliteServer server) : CasesTests(server), IClassFixture<SqliteServer>;

public sealed class CasesOnPostgresTests(PostgresServer server) : CasesTests(server), IClassFixture<PostgresServer>;
