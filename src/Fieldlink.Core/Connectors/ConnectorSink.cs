using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// What a connector instance reports goes through the same ingestion as the HTTP API, resolving device ids in the
/// instance's own provider instance. Each call stores before it returns.
/// </summary>
public sealed class ConnectorSink(Guid providerInstanceId, IServiceScopeFactory scopes) : IConnectorSink
{
    public Guid ProviderInstanceId { get; } = providerInstanceId;

    public async ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AlertIngestion>().IngestAsync(ProviderInstanceId, reports, cancellationToken);
    }

    public async ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TelemetryIngestion>().IngestAsync(ProviderInstanceId, reports, cancellationToken);
    }

    public async ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeviceStateIngestion>().IngestAsync(ProviderInstanceId, reports, cancellationToken);
    }

    public async ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommandStatusRecorder>().RecordAsync(ProviderInstanceId, report, cancellationToken);
    }
}
