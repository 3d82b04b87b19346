using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Actions;

/// <summary>
/// The one routing path of provider actions: device → provider instance → provider → connector. It finds where an
/// action goes, and runs it against the connector instance with the action timeout, turning every way it can fail
/// into an <see cref="ActionError"/>.
/// </summary>
public sealed class ActionRouter(
    FieldlinkDbContext db,
    ConnectorInstances instances,
    ConnectorRegistry registry,
    IOptions<ConnectorOptions> options,
    TimeProvider time,
    ILogger<ActionRouter> log)
{
    /// <summary>Finds the devices (tracked, so callers may update them) with their instances and providers; missing ids are left out.</summary>
    public async Task<List<ActionTarget>> ResolveAsync(IReadOnlyCollection<Guid> deviceIds, CancellationToken cancellationToken)
    {
        // One query: the command dispatcher resolves every batch it sends through here.
        var rows = await db.Devices.Where(d => deviceIds.Contains(d.Id))
            .Join(db.ProviderInstances, d => d.ProviderInstanceId, i => i.Id, (d, i) => new { Device = d, Instance = i })
            .Join(db.Providers, x => x.Instance.ProviderId, p => p.Id, (x, p) => new { x.Device, x.Instance, Provider = p })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ActionTarget(r.Device, r.Instance, r.Provider))];
    }

    /// <summary>Finds one device's target, or the 404 error.</summary>
    public async Task<ActionResult<ActionTarget>> ResolveAsync(Guid deviceId, CancellationToken cancellationToken) =>
        (await ResolveAsync([deviceId], cancellationToken)).FirstOrDefault() is { } target
            ? ActionResults.Ok(target)
            : ActionResults.Fail<ActionTarget>(ActionErrorKind.DeviceNotFound, $"There is no device with id {deviceId}.");

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
    public async Task<ActionResult<TResult>> RunAsync<TAction, TResult>(
        string action, ActionTarget target, Func<TAction, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
        where TAction : class
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(call);
        if (!target.Instance.Enabled)
        {
            return ActionResults.Fail<TResult>(ActionErrorKind.InstanceDisabled, $"The provider instance '{target.Instance.Name}' is disabled; enable it to run {action}.");
        }

        if (!Supports<TAction>(target))
        {
            return ActionResults.Fail<TResult>(ActionErrorKind.NotSupported, NotSupportedMessage(action, target));
        }

        var timeout = options.Value.ActionTimeout;
        using var timer = new CancellationTokenSource(timeout, time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var instance = await instances.GetAsync(target.Instance, target.Provider, limit.Token);

            // WaitAsync bounds the wait even for a connector that ignores its cancellation token.
            return ActionResults.Ok(await call((TAction)instance, limit.Token).WaitAsync(timeout, time, cancellationToken));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ConnectorLog.ActionTimedOut(log, action, target.Instance.Id, timeout);
            return ActionResults.Fail<TResult>(ActionErrorKind.TimedOut, $"The provider's system did not answer {action} within {timeout.TotalSeconds:0.###} s.");
        }
        catch (ConnectorUnavailableException ex)
        {
            ConnectorLog.ActionFailed(log, action, target.Instance.Id, ex.Message);
            return ActionResults.Fail<TResult>(ActionErrorKind.NotSupported, ex.Message);
        }
        catch (ConnectorException ex)
        {
            ConnectorLog.ActionFailed(log, action, target.Instance.Id, ex.Message);
            return ActionResults.Fail<TResult>(ActionErrorKind.Failed, $"The provider's system failed {action}: {ex.Message}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // A connector's bug is the provider's failure, not Fieldlink's: answer 502 and keep serving.
            ConnectorLog.ActionCrashed(log, action, target.Instance.Id, ex);
            return ActionResults.Fail<TResult>(ActionErrorKind.Failed, $"The connector failed {action}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public static string NotSupportedMessage(string action, ActionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"The provider '{target.Provider.Name}' (connector '{target.Provider.Connector}') does not support {action}.";
    }
}
