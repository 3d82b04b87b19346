using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Cases;

/// <summary>Technicians read cases and work orders (their work is there) but make and change none; endpoints see nothing.</summary>
public sealed class CasesRolesTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_technician_reads_cases_and_work_orders_but_may_not_create_or_change_them()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var alert = (await scenario.GroupAsync(await scenario.DeviceAsync(), 1))[0];
        var technician = server.Client(await Registry.KeyAsync(_admin, "Technician"));

        var problem = await (await technician.PostJsonAsync($"/api/v1/alerts/{alert}/case", new { })).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Technician", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Null((await scenario.ReadAlertAsync(alert)).CaseId);

        var created = await CaseScenario.CaseAsync(_admin, alert);
        await (await technician.PostJsonAsync($"/api/v1/cases/{created.Id()}/workOrder", new { })).ReadProblemAsync(HttpStatusCode.Forbidden);
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        await (await technician.PatchJsonAsync($"/api/v1/cases/{created.Id()}", new { status = "Canceled" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await technician.PatchJsonAsync($"/api/v1/workOrders/{order.Id()}", new { status = "Scheduled" })).ReadProblemAsync(HttpStatusCode.Forbidden);

        foreach (var url in new[] { "/api/v1/cases", $"/api/v1/cases/{created.Id()}", "/api/v1/workOrders", $"/api/v1/workOrders/{order.Id()}", $"/api/v1/cases/{created.Id()}/workOrders" })
        {
            await (await technician.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK);
        }

        var read = await (await technician.GetAsync($"/api/v1/workOrders/{order.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(("Unscheduled", "Active"), ((string)read["status"]!, (string)(await (await technician.GetAsync($"/api/v1/cases/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK))["status"]!));
    }

    [Fact]
    public async Task An_endpoint_key_and_no_key_get_nothing()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var alert = (await scenario.GroupAsync(await scenario.DeviceAsync(), 1))[0];
        var endpoint = server.Client(await Registry.KeyAsync(_admin, "Endpoint", scenario.InstanceId));

        await (await endpoint.GetAsync("/api/v1/cases")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await endpoint.PostJsonAsync($"/api/v1/alerts/{alert}/case", new { })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await server.Client(key: null).GetAsync("/api/v1/workOrders")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null((await scenario.ReadAlertAsync(alert)).CaseId);
    }
}
