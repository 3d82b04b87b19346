using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Api.Cases;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.WorkOrders;

/// <summary>Case → work order, and the work order's lifecycle, on both databases.</summary>
public abstract class WorkOrdersTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_work_order_carries_the_case_alerts_incident_account_and_asset()
    {
        var (scenario, created) = await CaseAsync("Filter due for replacement", AlertType.PreventiveMaintenance);
        var dispatcher = server.Client(await Registry.KeyAsync(_admin, "Dispatcher"));

        var response = await dispatcher.PostJsonAsync($"/api/v1/cases/{created.Id()}/workOrder", new { instructions = "Replace the filter; bring a 20x25 one." });

        var order = await response.ReadObjectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/workOrders/{order.Id()}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Matches(CasesTests.WorkOrderNumber(), (string)order["number"]!);
        Assert.Equal(created.Id(), Guid.Parse((string)order["caseId"]!));
        Assert.Equal((string)created["alertId"]!, (string)order["alertId"]!);
        Assert.Equal(scenario.AccountId, Guid.Parse((string)order["accountId"]!));
        Assert.Equal(scenario.AssetId, Guid.Parse((string)order["customerAssetId"]!));
        Assert.Equal("PreventiveMaintenance", (string)order["primaryIncidentType"]!);
        Assert.Equal("Filter due for replacement", (string)order["primaryIncidentDescription"]!);
        Assert.Equal("Replace the filter; bring a 20x25 one.", (string)order["instructions"]!);
        Assert.Equal("Unscheduled", (string)order["status"]!);
        Assert.All(new[] { "scheduledAt", "startedAt", "completedAt", "closedAt", "canceledAt" }, f => Assert.Null(order[f]));

        var read = await (await _admin.GetAsync($"/api/v1/workOrders/{order.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal((string)order["number"]!, (string)read["number"]!);
        Assert.Equal("Filter due for replacement", (string)read["primaryIncidentDescription"]!);
    }

    [Fact]
    public async Task A_case_may_have_several_work_orders_listed_under_it()
    {
        var (_, created) = await CaseAsync();
        var (_, otherCase) = await CaseAsync();
        var first = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        var second = await (await _admin.PostAsync($"/api/v1/cases/{created.Id()}/workOrder", null)).ReadObjectAsync(HttpStatusCode.Created);
        await CaseScenario.WorkOrderAsync(_admin, otherCase.Id());

        var list = await (await _admin.GetAsync($"/api/v1/cases/{created.Id()}/workOrders?$count=true")).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal(2, (int)list["@odata.count"]!);
        Assert.Equal(new[] { second.Id(), first.Id() }, list["value"]!.AsArray().Select(w => w!.AsObject().Id()));
        Assert.Null(second["instructions"]);
        var filtered = await (await _admin.GetAsync($"/api/v1/workOrders?$filter=caseId eq {created.Id()} and status eq 'Unscheduled'&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)filtered["@odata.count"]!);
        await (await _admin.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/workOrders")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.PostJsonAsync($"/api/v1/cases/{Guid.NewGuid()}/workOrder", new { })).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.PostJsonAsync($"/api/v1/cases/{created.Id()}/workOrder", new { instructions = new string('x', 4001) })).ReadFieldErrorAsync("instructions");
    }

    [Fact]
    public async Task A_work_order_goes_Unscheduled_Scheduled_InProgress_Completed_Closed_with_a_timestamp_per_step()
    {
        var (_, created) = await CaseAsync();
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        var steps = new (string Status, string Stamp)[] { ("Scheduled", "scheduledAt"), ("InProgress", "startedAt"), ("Completed", "completedAt"), ("Closed", "closedAt") };
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        foreach (var (status, stamp) in steps)
        {
            var moved = await CaseScenario.MoveAsync(_admin, "workOrders", order.Id(), status);
            Assert.Equal(status, (string)moved["status"]!);
            Assert.True(Time(moved, stamp) >= before, moved.ToJsonString());
        }

        var done = await (await _admin.GetAsync($"/api/v1/workOrders/{order.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        var stamps = steps.Select(s => Time(done, s.Stamp)).ToList();
        Assert.Equal(stamps.Order(), stamps);
        Assert.Null(done["canceledAt"]);
    }

    [Theory]
    [InlineData("Unscheduled", "Completed")]
    [InlineData("Unscheduled", "InProgress")]
    [InlineData("Scheduled", "Unscheduled")]
    [InlineData("Completed", "Canceled")]
    [InlineData("Completed", "InProgress")]
    [InlineData("Closed", "Canceled")]
    [InlineData("Canceled", "Scheduled")]
    public async Task A_step_the_lifecycle_does_not_allow_is_409_naming_both_statuses_and_changes_nothing(string from, string to)
    {
        var (_, created) = await CaseAsync();
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        foreach (var status in PathTo(from))
        {
            await CaseScenario.MoveAsync(_admin, "workOrders", order.Id(), status);
        }

        var before = await (await _admin.GetAsync($"/api/v1/workOrders/{order.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        var problem = await (await _admin.PatchJsonAsync($"/api/v1/workOrders/{order.Id()}", new { status = to, instructions = "changed" })).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains($"from {from} to {to}", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(order.Id(), Guid.Parse((string)problem["workOrderId"]!));
        var after = await (await _admin.GetAsync($"/api/v1/workOrders/{order.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Theory]
    [InlineData("Unscheduled")]
    [InlineData("Scheduled")]
    [InlineData("InProgress")]
    public async Task A_work_order_may_be_canceled_before_it_is_completed(string from)
    {
        var (_, created) = await CaseAsync();
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        foreach (var status in PathTo(from))
        {
            await CaseScenario.MoveAsync(_admin, "workOrders", order.Id(), status);
        }

        var canceled = await CaseScenario.MoveAsync(_admin, "workOrders", order.Id(), "Canceled");

        Assert.Equal("Canceled", (string)canceled["status"]!);
        Assert.NotNull(canceled["canceledAt"]);
        Assert.Null(canceled["completedAt"]);
    }

    [Fact]
    public async Task Instructions_change_without_a_step_and_If_Match_guards_a_step()
    {
        var (_, created) = await CaseAsync();
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id(), new { instructions = "Check the fan." });
        var url = $"/api/v1/workOrders/{order.Id()}";
        var read = await _admin.GetAsync(url);
        var etag = read.Headers.ETag!.Tag;

        var edited = await (await _admin.PatchJsonAsync(url, new { instructions = "Check the fan and the belt." }, etag)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(("Check the fan and the belt.", "Unscheduled"), ((string)edited["instructions"]!, (string)edited["status"]!));

        await (await _admin.PatchJsonAsync(url, new { status = "Scheduled" }, etag)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Unscheduled", (string)(await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK))["status"]!);
        await (await _admin.PatchJsonAsync(url, new { status = (string?)null })).ReadFieldErrorAsync("status");
        await (await _admin.PatchJsonAsync(url, new { status = "Done" })).ReadFieldErrorAsync("status");
        await (await _admin.PatchJsonAsync(url, new { caseId = Guid.NewGuid() })).ReadFieldErrorAsync("caseId");
        await (await _admin.PatchJsonAsync($"/api/v1/workOrders/{Guid.NewGuid()}", new { status = "Scheduled" })).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_steps_from_one_status_move_the_work_order_once()
    {
        var (_, created) = await CaseAsync();
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        var etag = (await _admin.GetAsync($"/api/v1/workOrders/{order.Id()}")).Headers.ETag!.Tag;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => server.Client().PatchJsonAsync($"/api/v1/workOrders/{order.Id()}", new { status = "Scheduled" }, etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
    }

    /// <summary>The steps from Unscheduled to <paramref name="status"/>.</summary>
    private static IEnumerable<string> PathTo(string status) => status switch
    {
        "Unscheduled" => [],
        "Canceled" => ["Canceled"],
        _ => new[] { "Scheduled", "InProgress", "Completed", "Closed" }.TakeWhile(s => s != status).Append(status),
    };

    private async Task<(CaseScenario Scenario, JsonObject Case)> CaseAsync(string description = "Compressor temperature high", AlertType type = AlertType.Anomaly)
    {
        var scenario = await CaseScenario.StartAsync(server);
        var alert = (await scenario.GroupAsync(await scenario.DeviceAsync(), 1, description, type))[0];
        return (scenario, await CaseScenario.CaseAsync(_admin, alert));
    }

    private static DateTimeOffset Time(JsonObject record, string field) =>
        DateTimeOffset.Parse((string)record[field]!, System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class WorkOrdersOnSqliteTests(SqliteServer server) : WorkOrdersTests(server), IClassFixture<SqliteServer>;

public sealed class WorkOrdersOnPostgresTests(PostgresServer server) : WorkOrdersTests(server), IClassFixture<PostgresServer>;
