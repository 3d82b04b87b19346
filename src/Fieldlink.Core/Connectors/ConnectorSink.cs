using System.Text.Json;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// What a connector instance reports goes through the same ingestion as the HTTP API, resolving device ids in the
/// instance's own provider instance. Each call stores before it returns; an item ingestion refuses (an unknown device's
/// readings or state, an invalid item) is kept as a dead letter rather than dropped.
/// </summary>
public sealed class ConnectorSink(Guid providerInstanceId, IServiceScopeFactory scopes) : IConnectorSink
{
    public Guid ProviderInstanceId { get; } = providerInstanceId;

    public async ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<AlertIngestion>().IngestAsync(ProviderInstanceId, reports, cancellationToken);
        await KeepRefusedAsync(scope, "alerts", reports, r => r.DeviceId, outcomes, cancellationToken);
    }

    public async ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<TelemetryIngestion>().IngestAsync(ProviderInstanceId, reports, cancellationToken);
        await KeepRefusedAsync(scope, "telemetry", reports, r => r.DeviceId, outcomes, cancellationToken);
    }

    public async ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<DeviceStateIngestion>().IngestAsync(ProviderInstanceId, reports, cancellationToken);
        await KeepRefusedAsync(scope, "state", reports, r => r.DeviceId, outcomes, cancellationToken);
    }

    public async ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommandStatusRecorder>().RecordAsync(ProviderInstanceId, report, cancellationToken);
    }

    public async ValueTask ReportCommandStatusesAsync(IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommandStatusRecorder>().RecordAsync(ProviderInstanceId, reports, cancellationToken);
    }

    public async ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeadLetterStore>().StoreAsync(ProviderInstanceId, reports, cancellationToken);
    }

    private async Task KeepRefusedAsync<T>(
        AsyncServiceScope scope, string ingestion, IReadOnlyList<T> reports, Func<T, string> deviceId, IReadOnlyList<IngestionOutcome> outcomes, CancellationToken cancellationToken)
    {
        var refused = new List<DeadLetterReport>();
        for (var i = 0; i < outcomes.Count && i < reports.Count; i++)
        {
            var reason = outcomes[i].Status switch
            {
                IngestionStatus.UnknownDevice => $"No device with deviceId '{deviceId(reports[i])}' in this provider instance.",
                IngestionStatus.Invalid => string.Join(" ", (outcomes[i].Errors ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
                _ => null,
            };
            if (reason is not null)
            {
                refused.Add(new DeadLetterReport(ingestion, reason, JsonSerializer.Serialize(reports[i], JsonSerializerOptions.Web), deviceId(reports[i])));
            }
        }

        if (refused.Count > 0)
        {
            await scope.ServiceProvider.GetRequiredService<DeadLetterStore>().StoreAsync(ProviderInstanceId, refused, cancellationToken);
        }
    }
}
