using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// The alerts' actions of the web app without a browser, on a real server's store: a Dispatcher's act as the API's
/// would, a Technician's is refused with nothing written, even when sent anyway (a stale page, a crafted circuit call).
/// </summary>
public sealed class AlertActionsTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static readonly ClaimsPrincipal Technician = Person(PersonRoles.Technician);
    private static readonly ClaimsPrincipal Dispatcher = Person(PersonRoles.Dispatcher);
    private readonly HttpClient _admin = server.Client();

    private AlertActions Actions => server.Services.GetRequiredService<AlertActions>();

    [Fact]
    public async Task Technician_may_not_change_an_alerts_status()
    {
        var (alert, _) = await AlertAsync();

        var answer = await Actions.ChangeStatusAsync(Technician, [alert], AlertStatus.Closed, null, CancellationToken.None);

        Assert.False(answer.Done);
        Assert.Equal(ActionAnswer.NotAllowed, answer);
        Assert.Equal(AlertStatus.Active, (await StoredAsync(alert)).Status);
    }

    [Fact]
    public async Task Technician_may_not_create_a_case()
    {
        var (alert, _) = await AlertAsync();

        var answer = await Actions.CreateCasesAsync(Technician, [alert], CancellationToken.None);

        Assert.Equal(ActionAnswer.NotAllowed, answer);
        Assert.Null((await StoredAsync(alert)).CaseId);
    }

    [Fact]
    public async Task Technician_may_not_create_a_work_order()
    {
        var (alert, _) = await AlertAsync();
        var caseId = (await Actions.CreateCasesAsync(Dispatcher, [alert], CancellationToken.None)).CreatedId!.Value;

        var answer = await Actions.CreateWorkOrderAsync(Technician, caseId, CancellationToken.None);

        Assert.Equal(ActionAnswer.NotAllowed, answer);
        Assert.False(await ReadAsync(db => db.WorkOrders.AnyAsync(w => w.CaseId == caseId)));
    }

    [Fact]
    public async Task Technician_may_not_pull_device_data()
    {
        var (alert, device) = await AlertAsync();

        await ArrivalPullAsync(alert);
        var before = await ReadAsync(db => db.DeviceDataHistory.CountAsync(h => h.DeviceRecordId == device));
        var answer = await Actions.PullDeviceDataAsync(Technician, [alert], CancellationToken.None);

        Assert.Equal(ActionAnswer.NotAllowed, answer);
        Assert.Equal(before, await ReadAsync(db => db.DeviceDataHistory.CountAsync(h => h.DeviceRecordId == device)));
    }

    [Fact]
    public async Task Dispatcher_pulls_the_alerts_device_data()
    {
        var (alert, device) = await AlertAsync();
        await ArrivalPullAsync(alert);
        var before = await ReadAsync(db => db.DeviceDataHistory.CountAsync(h => h.DeviceRecordId == device));

        var answer = await Actions.PullDeviceDataAsync(Dispatcher, [alert], CancellationToken.None);

        Assert.True(answer.Done, answer.Message);
        Assert.Equal("Pulled the device's data.", answer.Message);
        Assert.Equal(before + 1, await ReadAsync(db => db.DeviceDataHistory.CountAsync(h => h.DeviceRecordId == device)));
    }

    [Fact]
    public async Task Dispatcher_changes_the_status_of_a_selection()
    {
        var (first, _) = await AlertAsync();
        var (second, _) = await AlertAsync();

        var answer = await Actions.ChangeStatusAsync(Dispatcher, [first, second], AlertStatus.Closed, null, CancellationToken.None);

        Assert.True(answer.Done, answer.Message);
        Assert.Equal("2 alerts are now Closed.", answer.Message);
        var stored = await StoredAsync(first);
        Assert.Equal(AlertStatus.Closed, stored.Status);
        Assert.Equal(AlertStatusReason.Manual, stored.StatusReason);
        Assert.Equal(AlertStatus.Closed, (await StoredAsync(second)).Status);

        var refused = await Actions.ChangeStatusAsync(Dispatcher, [first], AlertStatus.InProgress, null, CancellationToken.None);
        Assert.False(refused.Done);
        Assert.Equal("A closed alert goes back to Active (reopened) before it can be InProgress.", refused.Message);
    }

    [Fact]
    public async Task Dispatcher_creates_the_case_then_its_work_order_and_a_second_case_is_refused_in_Cores_words()
    {
        var (alert, _) = await AlertAsync();

        var created = await Actions.CreateCasesAsync(Dispatcher, [alert], CancellationToken.None);
        Assert.True(created.Done, created.Message);
        Assert.Equal(created.CreatedId, (await StoredAsync(alert)).CaseId);
        Assert.Equal(AlertStatus.InProgress, (await StoredAsync(alert)).Status);

        var again = await Actions.CreateCasesAsync(Dispatcher, [alert], CancellationToken.None);
        Assert.False(again.Done);
        Assert.Contains("active case", again.Message, StringComparison.OrdinalIgnoreCase);

        var order = await Actions.CreateWorkOrderAsync(Dispatcher, created.CreatedId!.Value, CancellationToken.None);
        Assert.True(order.Done, order.Message);
        Assert.True(await ReadAsync(db => db.WorkOrders.AnyAsync(w => w.Id == order.CreatedId && w.AlertId == alert)));
    }

    [Fact]
    public async Task Pull_of_an_alert_whose_device_is_not_registered_says_so()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var alert = (await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = Registry.Unique("unknown"), description = "No such device" })).AlertId();

        var answer = await Actions.PullDeviceDataAsync(Dispatcher, [alert], CancellationToken.None);

        Assert.False(answer.Done);
        Assert.Equal("This alert's device is not registered in Fieldlink: there is no device to pull data from.", answer.Message);
    }

    [Fact]
    public async Task Alert_details_show_the_data_indented_and_the_names()
    {
        var (alert, device) = await AlertAsync(new JsonObject { ["pressure"] = 1.5, ["unit"] = "bar" });

        var detail = (await server.Services.GetRequiredService<AlertDetails>().LoadAsync(alert, CancellationToken.None))!;

        Assert.Equal(device, detail.Device!.Id);
        Assert.Equal("{\n  \"pressure\": 1.5,\n  \"unit\": \"bar\"\n}", detail.DataJson!.ReplaceLineEndings("\n"));
        Assert.Null(await server.Services.GetRequiredService<AlertDetails>().LoadAsync(Guid.NewGuid(), CancellationToken.None));
    }

    private async Task<(Guid Alert, Guid Device)> AlertAsync(JsonObject? data = null)
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = Registry.Unique("Fan stopped"), data });
        return (alert.AlertId(), device.Id());
    }

    /// <summary>
    /// Waits for the pull made on the alert's arrival (IoT settings' auto pull, on by default), so the only pulls that
    /// can come after are the test's own.
    /// </summary>
    private async Task ArrivalPullAsync(Guid alert)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await StoredAsync(alert)).DataHistoryId is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The pull made on the alert's arrival did not happen.");
            await Task.Delay(50);
        }
    }

    private Task<Alert> StoredAsync(Guid alert) => ReadAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alert));

    private async Task<T> ReadAsync<T>(Func<FieldlinkDbContext, Task<T>> read)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>());
    }

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role.ToLowerInvariant()}@example.com"), new Claim(ClaimTypes.Role, role)], "test"));
}
