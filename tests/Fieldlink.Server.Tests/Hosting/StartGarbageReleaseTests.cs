using Fieldlink.Server.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Server.Tests.Hosting;

public sealed class StartGarbageReleaseTests
{
    [Fact]
    public async Task Collects_the_whole_heap_once_the_settle_time_after_the_application_started_has_passed()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var time = new FakeTimeProvider();
        using var release = new StartGarbageRelease(lifetime, time, NullLogger<StartGarbageRelease>.Instance);
        await release.StartAsync(CancellationToken.None);

        // Time passing before the application has started does not count.
        time.Advance(StartGarbageRelease.SettleTime * 2);
        lifetime.NotifyStarted();
        time.Advance(StartGarbageRelease.SettleTime - TimeSpan.FromMilliseconds(1));
        Assert.False(release.Released.IsCompleted, "released before the start had settled");

        var fullCollections = GC.CollectionCount(GC.MaxGeneration);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await release.Released.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullCollections, "no full collection was made");
        await release.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_host_stopped_before_the_start_settled_never_collects()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var time = new FakeTimeProvider();
        using var release = new StartGarbageRelease(lifetime, time, NullLogger<StartGarbageRelease>.Instance);
        await release.StartAsync(CancellationToken.None);
        lifetime.NotifyStarted();
        await release.StopAsync(CancellationToken.None);

        time.Advance(StartGarbageRelease.SettleTime * 2);
        Assert.False(release.Released.IsCompleted);
    }
}
