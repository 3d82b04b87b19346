using Fieldlink.Core.Data;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// The dead letters page's list, on stored dead letters: one instance's only, by source and time received, newest first,
/// paged, with the instance's name; the instance picker finds instances by name. Both databases.
/// </summary>
public abstract class DeadLetterListTests(FieldlinkServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _admin = server.Client();

    private DeadLetterList List => server.Services.GetRequiredService<DeadLetterList>();

    [Fact]
    public async Task Filters_by_instance_source_and_time_newest_first_and_pages()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var other = await Registry.InstanceAsync(_admin);
        await AddAsync(
            Letter(instance.Id(), "devices/pump-a/telemetry", Start),
            Letter(instance.Id(), "devices/pump-b/alerts", Start.AddMinutes(10)),
            Letter(instance.Id(), "devices/pump-a/telemetry", Start.AddMinutes(20)),
            Letter(other.Id(), "devices/pump-a/telemetry", Start.AddMinutes(30)));

        var all = await List.LoadAsync(new DeadLetterListQuery { ProviderInstanceId = instance.Id() }, CancellationToken.None);
        var telemetry = await List.LoadAsync(new DeadLetterListQuery { ProviderInstanceId = instance.Id(), Source = "PUMP-A/tele" }, CancellationToken.None);
        var window = await List.LoadAsync(
            new DeadLetterListQuery { ProviderInstanceId = instance.Id(), From = Start.AddMinutes(5), To = Start.AddMinutes(20) }, CancellationToken.None);
        var second = await List.LoadAsync(new DeadLetterListQuery { ProviderInstanceId = instance.Id(), Page = 1, PageSize = 2 }, CancellationToken.None);

        Assert.Equal(3, all.Total);
        Assert.Equal([Start.AddMinutes(20), Start.AddMinutes(10), Start], all.Rows.Select(r => r.ReceivedAt));
        Assert.All(all.Rows, r => Assert.Equal((string)instance["name"]!, r.ProviderInstance));
        Assert.Equal([Start.AddMinutes(20), Start], telemetry.Rows.Select(r => r.ReceivedAt));
        Assert.Equal("devices/pump-b/alerts", Assert.Single(window.Rows).Source);
        Assert.Equal((3L, Start), (second.Total, Assert.Single(second.Rows).ReceivedAt));

        var found = await List.InstancesAsync(((string)other["name"]!)[^6..], CancellationToken.None);
        Assert.Equal(other.Id(), Assert.Single(found).Id);
    }

    private async Task AddAsync(params DeadLetter[] letters)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        db.DeadLetters.AddRange(letters);
        await db.SaveChangesAsync();
    }

    private static DeadLetter Letter(Guid instance, string source, DateTimeOffset at) =>
        new() { ProviderInstanceId = instance, Source = source, Reason = "Not JSON", Payload = "{\"t\": 1}", DeviceId = "pump", ReceivedAt = at };
}

public sealed class DeadLetterListOnSqliteTests(SqliteServer server) : DeadLetterListTests(server), IClassFixture<SqliteServer>;

public sealed class DeadLetterListOnPostgresTests(PostgresServer server) : DeadLetterListTests(server), IClassFixture<PostgresServer>;
