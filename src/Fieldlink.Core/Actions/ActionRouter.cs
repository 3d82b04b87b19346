using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Providers;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Actions;

/// <summary>
/// The one routing path of provider actions: device → provider instance → provider → connector. It finds where an
/// action goes, and runs it against the connector instance with the action timeout, turning every way it can fail
/// into a <see cref="Refusal"/>.
/// </summary>
public sealed class ActionRouter(
    FieldlinkDbContext db,
    ActionTargetCache targets,
    ConnectorInstances instances,
    ConnectorRegistry registry,
    IOptions<ConnectorOptions> options,
    TimeProvider time,
    ILogger<ActionRouter> log)
{
    /// <summary>Finds the devices (tracked, so callers may update them) with their instances and providers; missing ids are left out.</summary>
    public Task<List<ActionTarget>> ResolveAsync(IReadOnlyCollection<Guid> deviceIds, CancellationToken cancellationToken) =>
        ResolveAsync(db.Devices, db.ProviderInstances, db.Providers, deviceIds, cancellationToken);

    /// <summary>
    /// As <see cref="ResolveAsync(IReadOnlyCollection{Guid}, CancellationToken)"/>, for a caller that only reads the
    /// targets: the command dispatcher, which resolves every batch it sends. Untracked (the tracking's snapshots were a
    /// sixth of what a command's round trip allocated), and from the <see cref="ActionTargetCache"/> while nothing of
    /// them has changed (issue 15).
    /// </summary>
    public Task<List<ActionTarget>> ResolveForReadingAsync(IReadOnlyCollection<Guid> deviceIds, CancellationToken cancellationToken) =>
        targets.ResolveAsync(
            deviceIds,
            (wanted, ct) => ResolveAsync(db.Devices.AsNoTracking(), db.ProviderInstances.AsNoTracking(), db.Providers.AsNoTracking(), wanted, ct),
            cancellationToken);

    private static async Task<List<ActionTarget>> ResolveAsync(
        IQueryable<Device> devices, IQueryable<ProviderInstance> instances, IQueryable<Provider> providers, IReadOnlyCollection<Guid> deviceIds, CancellationToken cancellationToken)
    {
        // One query for the whole batch.
        var rows = await devices.Where(d => deviceIds.Contains(d.Id))
            .Join(instances, d => d.ProviderInstanceId, i => i.Id, (d, i) => new { Device = d, Instance = i })
            .Join(providers, x => x.Instance.ProviderId, p => p.Id, (x, p) => new { x.Device, x.Instance, Provider = p })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ActionTarget(r.Device, r.Instance, r.Provider))];
    }

    /// <summary>Finds one device's target, or the 404 error.</summary>
    public async Task<Outcome<ActionTarget>> ResolveAsync(Guid deviceId, CancellationToken cancellationToken) =>
        (await ResolveAsync([deviceId], cancellationToken)).FirstOrDefault() is { } target
            ? new Outcome<ActionTarget>(target)
            : new Outcome<ActionTarget>(DeviceNotFound(deviceId));

    /// <summary>Whether the target's connector implements <typeparamref name="TAction"/>.</summary>
    public bool Supports<TAction>(ActionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return registry.Find(target.Provider.Connector) is { } connector && typeof(TAction).IsAssignableFrom(connector.InstanceType);
    }

    /// <summary>
    /// Runs <paramref name="call"/> against the target's connector instance, if its connector implements
    /// <typeparamref name="TAction"/>, within the action timeout.
    /// </summary>
    public async Task<Outcome<TResult>> RunAsync<TAction, TResult>(
        string action, ActionTarget target, Func<TAction, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
        where TAction : class
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(call);
        if (!target.Instance.Enabled)
        {
            return new Outcome<TResult>(new Refusal(RefusalKind.InstanceDisabled, $"The provider instance '{target.Instance.Name}' is disabled; enable it to run {action}."));
        }

        if (!Supports<TAction>(target))
        {
            return new Outcome<TResult>(new Refusal(RefusalKind.NotSupported, NotSupportedMessage(action, target)));
        }

        var timeout = options.Value.ActionTimeout;
        using var timer = new CancellationTokenSource(timeout, time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var instance = await instances.GetAsync(target.Instance, target.Provider, limit.Token);

            // WaitAsync bounds the wait even for a connector that ignores its cancellation token.
            return new Outcome<TResult>(await call((TAction)instance, limit.Token).WaitAsync(timeout, time, cancellationToken));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ConnectorLog.ActionTimedOut(log, action, target.Instance.Id, timeout);
            return new Outcome<TResult>(new Refusal(RefusalKind.TimedOut, $"The provider's system did not answer {action} within {timeout.TotalSeconds:0.###} s."));
        }
        catch (ConnectorUnavailableException ex)
        {
            ConnectorLog.ActionFailed(log, action, target.Instance.Id, ex.Message);
            return new Outcome<TResult>(new Refusal(RefusalKind.NotSupported, ex.Message));
        }
        catch (ConnectorException ex)
        {
            ConnectorLog.ActionFailed(log, action, target.Instance.Id, ex.Message);
            return new Outcome<TResult>(new Refusal(RefusalKind.Failed, $"The provider's system failed {action}: {ex.Message}"));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // A connector's bug is the provider's failure, not Fieldlink's: answer 502 and keep serving.
            ConnectorLog.ActionCrashed(log, action, target.Instance.Id, ex);
            return new Outcome<TResult>(new Refusal(RefusalKind.Failed, $"The connector failed {action}: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>The refusal for a device that does not exist: 404 "No such device".</summary>
    public static Refusal DeviceNotFound(Guid deviceId) =>
        new(RefusalKind.NotFound, $"There is no device with id {deviceId}.", Noun: "device", RecordId: deviceId);

    public static string NotSupportedMessage(string action, ActionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"The provider '{target.Provider.Name}' (connector '{target.Provider.Connector}') does not support {action}.";
    }
}
