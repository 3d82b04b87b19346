using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fieldlink.Core.Connections;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Providers;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// The open connector instances of this process, one per provider instance, opened on first use (or by the
/// <see cref="ConnectorInstanceHost"/>) and reopened when the provider instance's settings change. What it knows of each
/// one's connection (opening, a failed open, started, closed) goes to <see cref="ProcessConnections"/>. Thread-safe.
/// </summary>
public sealed class ConnectorInstances(ConnectorRegistry registry, ConnectorSinkFactory sinks, OutboundHttp outbound, ProcessConnections connections, ILoggerFactory loggers, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<Opened>>> _open = new();
    private readonly ILogger _log = loggers.CreateLogger<ConnectorInstances>();

    /// <summary>The ids of the provider instances that have an open connector instance.</summary>
    public ICollection<Guid> OpenIds => _open.Keys;

    /// <summary>The instances open now (their open finished) that offer <typeparamref name="T"/>, with their provider instance's id.</summary>
    public IReadOnlyList<(Guid ProviderInstanceId, T Instance)> OpenOffering<T>()
        where T : class =>
        [.. _open
            .Where(o => o.Value.IsValueCreated && o.Value.Value.IsCompletedSuccessfully && o.Value.Value.Result.Instance is T)
            .Select(o => (o.Key, (T)o.Value.Value.Result.Instance))];

    /// <summary>The open instance for <paramref name="instance"/>, opening it (or reopening it, if its settings changed) first.</summary>
    /// <exception cref="ConnectorUnavailableException">The connector is not installed, or the settings do not fit it.</exception>
    public async Task<IConnectorInstance> GetAsync(ProviderInstance instance, Provider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(provider);
        while (true)
        {
            var lazy = _open.GetOrAdd(instance.Id, _ => new Lazy<Task<Opened>>(() => OpenAsync(instance, provider, cancellationToken)));
            Opened opened;
            try
            {
                opened = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed open is not kept: the next call tries again, perhaps with mended settings.
                _open.TryRemove(KeyValuePair.Create(instance.Id, lazy));
                throw;
            }

            if (opened.Version == instance.Version && opened.Connector == provider.Connector)
            {
                return opened.Instance;
            }

            if (_open.TryRemove(KeyValuePair.Create(instance.Id, lazy)))
            {
                ConnectorLog.Reopening(_log, instance.Name, instance.Id);
                await CloseAsync(opened);
            }
        }
    }

    /// <summary>Closes the instance of a provider instance that was disabled or deleted; nothing when none is open.</summary>
    public async Task CloseAsync(Guid providerInstanceId)
    {
        if (_open.TryRemove(providerInstanceId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            await CloseAsync(lazy.Value.Result);
        }

        connections.Closed(providerInstanceId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _open.Keys.ToList())
        {
            await CloseAsync(id);
        }
    }

    private async Task<Opened> OpenAsync(ProviderInstance instance, Provider provider, CancellationToken cancellationToken)
    {
        connections.Opening(instance.Id);
        try
        {
            var opened = await StartAsync(instance, provider, cancellationToken);
            connections.Started(instance.Id);
            return opened;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            connections.OpenFailed(instance.Id, ex.Message);
            throw;
        }
    }

    private async Task<Opened> StartAsync(ProviderInstance instance, Provider provider, CancellationToken cancellationToken)
    {
        var connector = registry.Find(provider.Connector)
            ?? throw new ConnectorUnavailableException(
                $"The connector '{provider.Connector}' of provider '{provider.Name}' is not installed (GET /api/v1/connectors lists the connectors and plugin failures).");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var settings = ConnectorSettingsSchema.Bind(connector.SettingsType, JsonNode.Parse(instance.Settings) as JsonObject ?? [], errors)
            ?? throw new ConnectorUnavailableException(
                $"The settings of provider instance '{instance.Name}' do not fit the '{connector.Key}' connector: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
        var context = new ConnectorContext(
            instance.Id,
            instance.Name,
            Uri.TryCreate(instance.Url, UriKind.Absolute, out var url) ? url : null,
            settings,
            sinks.Create(instance.Id),
            loggers,
            time)
        {
            HttpHandlerFactory = outbound.CreateHandler,
        };
        var opened = connector.Open(context);
        try
        {
            await opened.StartAsync(cancellationToken);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }

        ConnectorLog.Opened(_log, connector.Key, instance.Name, instance.Id);
        return new Opened(instance.Version, provider.Connector, opened);
    }

    private async Task CloseAsync(Opened opened)
    {
        try
        {
            await opened.Instance.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A connector that fails to close must not stop the others from closing.
            ConnectorLog.CloseFailed(_log, opened.Connector, ex);
        }
    }

    private sealed record Opened(long Version, string Connector, IConnectorInstance Instance);
}
