using Fieldlink.Core.Actions;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Fleet;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Live;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Readings;
using Fieldlink.Core.Retention;
using Fieldlink.Core.Thresholds;
using Fieldlink.Core.Webhooks;
using Fieldlink.Core.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core;

/// <summary>Registers Core: one <c>Add&lt;Feature&gt;()</c> per feature folder, each in that folder's <c>&lt;Feature&gt;Services.cs</c>.</summary>
public static class FieldlinkCoreServices
{
    /// <summary>
    /// Adds every Core feature. The host registers the store (a scoped <c>FieldlinkDbContext</c>) and its connectors
    /// first. Hosted services start in registration order, so the workers here start in this order: the fleet heartbeat (which claims the node name first), the connector
    /// instances, the command dispatcher, the alert auto-pull, the readings retention sweep, the webhook dispatcher, the pruning of finished records.
    /// </summary>
    public static IServiceCollection AddFieldlinkCore(this IServiceCollection services)
    {
        services.AddFleet();
        services.AddOutbound();
        services.AddConnectors();
        services.AddActions();
        services.AddDevices();
        services.AddCommands();
        services.AddDeadLetters();
        services.AddIngestion();
        services.AddAlerts();
        services.AddReadings();
        services.AddThresholds();
        services.AddCases();
        services.AddWorkOrders();
        services.AddWebhooks();
        services.AddLive();
        services.AddRetention();
        return services;
    }
}
