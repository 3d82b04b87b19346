using Fieldlink.Core.Connectors;
using Fieldlink.Core.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fieldlink.Core.Tests;

/// <summary>AddFieldlinkCore registers each Core service once, each by its own feature's Add&lt;Feature&gt;().</summary>
public sealed class FieldlinkCoreServicesTests
{
    [Fact]
    public void AddFieldlinkCore_registers_every_Core_service_once()
    {
        var services = new ServiceCollection().AddFieldlinkCore();

        var twice = services
            .Where(d => d.ServiceType.Assembly == typeof(FieldlinkCoreServices).Assembly)
            .GroupBy(d => d.ServiceType)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key.FullName)
            .ToList();
        Assert.Empty(twice);
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }

    [Fact]
    public void AddFieldlinkCore_claims_the_node_name_then_starts_the_connector_instances_before_the_other_workers()
    {
        var hosted = new ServiceCollection().AddFieldlinkCore().Where(d => d.ServiceType == typeof(IHostedService)).ToList();

        Assert.Equal(9, hosted.Count);
        Assert.Equal(typeof(FleetHeartbeat), hosted[0].ImplementationType);
        Assert.Equal(typeof(ConnectorInstanceHost), hosted[1].ImplementationType);
    }
}
