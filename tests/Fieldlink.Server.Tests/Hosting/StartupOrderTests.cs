using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>
/// The store is migrated and the demo seeded before any background worker starts: the connectors' first pass opens
/// the demo's instances, so the embedded broker's devices are heard from the moment the server is up, not one
/// reconcile interval later.
/// </summary>
public sealed class StartupOrderTests(StartupOrderTests.DemoWithSlowReconcile server) : IClassFixture<StartupOrderTests.DemoWithSlowReconcile>
{
    [Fact]
    public async Task The_first_connector_pass_opens_the_instances_the_demo_seeded()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().ProviderInstances.Select(i => i.Id).ToListAsync();
        var open = server.Services.GetRequiredService<ConnectorInstances>();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!seeded.All(open.OpenIds.Contains))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Open after start-up: {open.OpenIds.Count} of the {seeded.Count} seeded instances.");
            await Task.Delay(50);
        }
    }

    /// <summary>A demo server whose connectors would look again only after an hour.</summary>
    public sealed class DemoWithSlowReconcile : SqliteServer
    {
        public DemoWithSlowReconcile() =>
            With("Demo", "true")
                .With("Mqtt:Broker", $"embedded:{FieldlinkProcess.FreePort()}")
                .With("Mqtt:DataDirectory", Path.GetDirectoryName(DatabasePath))
                .With("Connectors:ReconcileInterval", "01:00:00");
    }
}
