namespace Fieldlink.Server.Hosting;

/// <summary>
/// Marks the <see cref="HostStartLog"/> started once the application has started, however the host is run (the command
/// line, or a test's WebApplicationFactory, which starts the host it built itself).
/// </summary>
internal sealed class HostStartLogOpener(HostStartLog startLog, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(startLog.MarkStarted);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
