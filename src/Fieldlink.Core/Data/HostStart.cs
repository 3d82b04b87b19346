using Microsoft.Extensions.Hosting;

namespace Fieldlink.Core.Data;

/// <summary>
/// Lets a background worker begin its first pass once the host has started (the server listens) instead of with it.
/// A worker's first pass compiles its queries and reads the store: work the start need not wait for, which would share
/// the cores with what the start does wait for (the store brought up to date, the server's first answers).
/// </summary>
public static class HostStart
{
    /// <summary>
    /// Completes when <paramref name="lifetime"/> says the application has started, or when
    /// <paramref name="stoppingToken"/> is cancelled first (never throws); at once without a lifetime (a worker made
    /// by hand, as a test does) or once it has started.
    /// </summary>
    public static async Task WhenStartedAsync(IHostApplicationLifetime? lifetime, CancellationToken stoppingToken)
    {
        if (lifetime is null || lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetResult());
        await started.Task;
    }
}
