namespace Fieldlink.Sdk;

/// <summary>
/// A connector's link to one provider instance (one IoT hub, one broker, one vendor tenant). It supports the
/// actions whose interfaces it implements: <see cref="IRegisterDevices"/>, <see cref="IPullDeviceData"/>,
/// <see cref="ISendCommands"/>, <see cref="IQueryReadings"/>, <see cref="IAggregateReadings"/>,
/// <see cref="IGetDeviceEvents"/>, <see cref="ICustomActions"/>.
/// </summary>
/// <remarks>
/// Actions may be called concurrently from many threads. Each action has a timeout; an instance should honour
/// the cancellation token it is given. An action that fails should throw <see cref="ConnectorException"/>.
/// </remarks>
public interface IConnectorInstance : IAsyncDisposable
{
    /// <summary>Starts background work (a subscription, a poll). Called once, before any action. Default: nothing to start.</summary>
    /// <param name="cancellationToken">Cancelled when Fieldlink stops.</param>
    /// <returns>A task that completes when the instance is ready.</returns>
    Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
